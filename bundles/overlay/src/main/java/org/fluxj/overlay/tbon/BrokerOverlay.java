package org.fluxj.overlay.tbon;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.kernel.OverlayHost;
import org.fluxj.kernel.OverlayPort;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.overlay.Overlay;
import org.fluxj.overlay.OverlayConfig;
import org.fluxj.overlay.OverlayListener;
import org.fluxj.overlay.SubtreeStatus;
import org.fluxj.overlay.Topology;

/**
 * The broker's {@link OverlayPort} around an {@link Overlay}: routing calls from the router go to the
 * overlay's send methods; what the overlay hears goes to the broker ({@link OverlayHost}). The overlay is
 * created, bound and started by bootstrap, before the broker is ready; messages and log lines that arrive
 * before {@link #attach} are held and handed over then.
 */
public final class BrokerOverlay implements OverlayPort, OverlayListener {
    private final Overlay overlay;
    private final Topology topo;
    private final OverlayService service;
    private final List<Runnable> held = new ArrayList<>(); // until attach, under this
    private volatile OverlayHost host;

    BrokerOverlay(OverlayConfig config) {
        this.topo = config.topology();
        this.overlay = new Overlay(config, this);
        this.service = new OverlayService(this);
    }

    /** The overlay itself (for bootstrap: bind, authorize, start). */
    Overlay overlay() {
        return overlay;
    }

    Topology topology() {
        return topo;
    }

    // ---------------------------------------------------------------- OverlayPort

    @Override
    public void attach(OverlayHost h) {
        List<Runnable> replay;
        synchronized (this) {
            host = h;
            replay = new ArrayList<>(held);
            held.clear();
        }
        replay.forEach(Runnable::run);
    }

    @Override
    public boolean hasParent() {
        return overlay.rank() > 0;
    }

    @Override
    public void sendUpstream(Message message) {
        if (!overlay.sendUpstream(message) && message.type() == MessageType.REQUEST && !message.isNoResponse()) {
            toHost(Message.errorResponse(message, Errno.EHOSTUNREACH.number(), null));
        }
    }

    @Override
    public boolean sendToRank(int rank, Message request) {
        if (rank < 0 || rank >= topo.size()) {
            return false;
        }
        return overlay.sendRequest(request).sent();
    }

    @Override
    public boolean sendDownstream(Message response) {
        return overlay.sendResponse(response);
    }

    @Override
    public void publishDown(Message event) {
        if (overlay.rank() == 0) {
            overlay.sendEvent(event);
        }
    }

    @Override
    public CompletableFuture<Void> parentReady() {
        return overlay.parentReady();
    }

    @Override
    public int onlineChildren() {
        int n = 0;
        for (int c : overlay.children()) {
            if (overlay.childStatus(c).isOnline()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public CompletableFuture<Void> goodbye() {
        return overlay.goodbye();
    }

    @Override
    public void refuseChildren() {
        overlay.spurnHello();
    }

    @Override
    public BrokerModule services() {
        return service;
    }

    @Override
    public void close() {
        overlay.close();
    }

    // ---------------------------------------------------------------- OverlayListener (overlay thread)

    @Override
    public void onMessage(Message msg, Overlay.Peer from) {
        toHost(msg);
    }

    @Override
    public void onChildStatus(Overlay.ChildInfo child) {
        BitSet sub = topo.subtreeRanks(child.rank());
        IdSet ids = new IdSet();
        sub.stream().forEach(ids::set);
        String status = child.status().text();
        String subtree = ids.encode(IdSet.Flag.RANGE);
        later(h -> h.childChanged(child.rank(), status, subtree));
        service.statusChanged();
    }

    @Override
    public void onStatus(SubtreeStatus status) {
        service.statusChanged();
    }

    @Override
    public void onParentLost(String reason) {
        later(h -> h.parentLost(reason));
    }

    @Override
    public void log(int severity, String text) {
        later(h -> h.log(severity, text));
    }

    private void toHost(Message msg) {
        later(h -> h.receive(msg));
    }

    private void later(Consumer<OverlayHost> action) {
        OverlayHost h = host;
        if (h == null) {
            synchronized (this) {
                if (host == null) {
                    held.add(() -> action.accept(host));
                    return;
                }
                h = host;
            }
        }
        action.accept(h);
    }
}
