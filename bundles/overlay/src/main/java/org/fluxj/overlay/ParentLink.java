package org.fluxj.overlay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageCodec;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.Severity;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The overlay's upstream side, as flux-core's overlay parent.c: the DEALER socket connected to
 * the parent, the hello that makes this broker its child, heartbeats when idle, events from the
 * parent (sequence checked, passed down), goodbye, and the parent's refusal or disconnect.
 * Everything here runs on the {@link IoThread}, except the volatile flags other threads read.
 */
final class ParentLink {
    private static final int BATCH = 256;
    /** How often the I/O threads are kicked while a connection to the parent is handshaking (see PollerKick). */
    private static final long KICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long after a connect the kicks go on if nothing comes from the parent. */
    private static final long KICK_FOR_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Overlay overlay;
    private final OverlayConfig config;
    private final int rank;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> goodbyeDone = new CompletableFuture<>();
    private final RpcTracker tracker = new RpcTracker();
    private volatile String uuid;
    private volatile boolean usable; // connected, hello not failed, not disconnected, no goodbye sent
    private ZMQ.Socket dealer;
    private ZMQ.Socket monitor;
    private String uri;
    private boolean helloResponded;
    private boolean offline;
    private boolean goodbyeSent;
    private long lastSent; // nanoTime of the last send to the parent
    private long kickUntil; // nanoTime; 0 = no handshake to watch
    private int eventSeq;

    ParentLink(Overlay overlay, OverlayConfig config) {
        this.overlay = overlay;
        this.config = config;
        this.rank = config.rank();
    }

    /** Completes when the parent has accepted this broker's hello (at once on rank 0); fails if it refused. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** The parent's uuid (the next hop of responses going up), or null before its hello response. */
    String uuid() {
        return uuid;
    }

    boolean usable() {
        return usable;
    }

    void setUsable(boolean u) {
        usable = u;
    }

    int pendingRpcs() {
        return tracker.count();
    }

    /** The I/O thread: connects to the parent and says hello. */
    void connect(IoThread io, String parentUri, byte[] serverKey) {
        this.uri = parentUri;
        dealer = io.context().createSocket(SocketType.DEALER);
        dealer.setSndHWM(0);
        dealer.setRcvHWM(0);
        dealer.setLinger(Overlay.LINGER_MS);
        dealer.setIdentity(config.uuid().getBytes(StandardCharsets.UTF_8));
        dealer.setHandshakeIvl(Overlay.HANDSHAKE_MS);
        dealer.setReconnectIVL(100);
        dealer.setReconnectIVLMax(5000);
        dealer.setCurveServerKey(serverKey);
        overlay.secure(dealer);
        monitor = io.monitor(dealer, "dealer-" + config.uuid(), ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CONNECTED
                | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED | IoThread.HANDSHAKE_FAILED);
        io.register(dealer, "parent message", this::receive);
        io.register(monitor, "monitor", this::monitorEvents);
        dealer.connect(parentUri);
        kickUntil = System.nanoTime() + KICK_FOR_NANOS;
        overlay.log(Severity.DEBUG, "connecting to " + parentUri);
        sendHello();
    }

    /**
     * Before a poll: while the connection to the parent handshakes, kicks JeroMQ's I/O threads
     * (see {@link PollerKick}); returns when to wake next for that, or {@code wakeAt}.
     */
    long kick(IoThread io, long now, long wakeAt) {
        if (kickUntil == 0) {
            return wakeAt;
        }
        if (now - kickUntil >= 0) {
            kickUntil = 0;
            return wakeAt;
        }
        PollerKick.kick(io.context());
        return Math.min(wakeAt, now + KICK_NANOS);
    }

    private void monitorEvents() {
        ZMQ.Event ev;
        while ((ev = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
            int e = ev.getEvent();
            overlay.log(IoThread.failed(e) ? Severity.ERR : Severity.DEBUG, "parent sockevent " + ev.getAddress()
                    + " " + IoThread.eventName(e) + (ev.getValue() != null ? ": " + ev.getValue() : ""));
            if (e == ZMQ.EVENT_CONNECTED) {
                kickUntil = System.nanoTime() + KICK_FOR_NANOS;
            } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
                kickUntil = 0;
            }
        }
    }

    /** On each tick: a HEARTBEAT if nothing went to the parent for {@code torpid_min}. */
    void tick(long now) {
        if (dealer != null && usable && now - lastSent > config.torpidMin().toNanos()) {
            send(Message.control(Overlay.CONTROL_HEARTBEAT, 0).withRoutesEnabled());
        }
    }

    /** This broker's subtree status changed: the parent is told. */
    void sendStatus(SubtreeStatus st) {
        if (dealer != null && usable) {
            send(Message.control(Overlay.CONTROL_STATUS, st.code()).withRoutesEnabled());
        }
    }

    private void sendHello() {
        ObjectNode o = Json.object();
        o.put("rank", rank);
        o.put("version", config.version());
        o.put("uuid", config.uuid());
        o.put("status", overlay.status().code());
        if (config.hostname() != null) {
            o.put("hostname", config.hostname());
        }
        send(Message.request("overlay.hello").rolemask(Roles.OWNER).payloadJson(o).build());
    }

    void sendRequest(Message request) {
        if (send(request)) {
            tracker.update(request);
        } else if (!request.isNoResponse()) {
            overlay.routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), null);
        }
    }

    boolean send(Message m) {
        if (dealer == null || offline || goodbyeSent) {
            return false;
        }
        List<byte[]> frames = MessageCodec.toFrames(m);
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            if (!dealer.send(frames.get(i), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                overlay.log(Severity.ERR, "DROP upstream message: would block");
                return false;
            }
        }
        if (!dealer.send(frames.get(last), ZMQ.DONTWAIT)) {
            return false;
        }
        lastSent = System.nanoTime();
        return true;
    }

    private void receive() {
        for (int n = 0; n < BATCH; n++) {
            List<byte[]> frames = IoThread.recvFrames(dealer);
            if (frames == null) {
                break;
            }
            message(frames);
        }
    }

    private void message(List<byte[]> frames) {
        kickUntil = 0; // the handshake is done (JeroMQ reports no HANDSHAKE_SUCCEEDED on the connecting side)
        Message msg;
        try {
            msg = MessageCodec.fromFrames(frames);
        } catch (FormatException e) {
            overlay.countDrop();
            overlay.log(Severity.ERR, "DROP upstream message: malformed message: " + e.getMessage());
            return;
        }
        msg = msg.withCred(msg.userid(), msg.rolemask() & ~Roles.LOCAL);
        if (!helloResponded) {
            if (msg.type() == MessageType.RESPONSE && "overlay.hello".equals(msg.topic())) {
                helloResponse(msg);
                return;
            }
            if (msg.type() != MessageType.CONTROL) {
                overlay.logdrop("upstream", msg, "message received before hello handshake completed");
                return;
            }
        }
        switch (msg.type()) {
            case RESPONSE -> {
                if (goodbyeSent && "overlay.goodbye".equals(msg.topic())) {
                    goodbyeDone.complete(null);
                    return;
                }
                tracker.update(msg);
                if (overlay.passResponse(msg)) {
                    return;
                }
            }
            case REQUEST -> {
                if (overlay.passRequest(msg, false)) {
                    return;
                }
            }
            case EVENT -> {
                checkSequence(msg);
                overlay.downstream().multicast(msg);
                msg = msg.withRoutesDisabled();
            }
            case CONTROL -> {
                if (msg.controlType() == Overlay.CONTROL_DISCONNECT) {
                    overlay.log(Severity.CRIT, overlay.who(parentRank()) + " sent disconnect control message");
                    disconnect("parent sent disconnect control message");
                } else if (msg.controlType() != Overlay.CONTROL_HEARTBEAT) { // the parent's liveness probe
                    overlay.logdrop("upstream", msg, "unknown control type");
                }
                return;
            }
            default -> {
            }
        }
        overlay.deliver(msg, new Overlay.Peer(Overlay.Direction.PARENT, parentRank()));
    }

    int parentRank() {
        return config.topology().parentOf(rank);
    }

    private void helloResponse(Message msg) {
        helloResponded = true;
        String error;
        try {
            if (msg.errnum() == 0) {
                String parent = msg.payloadObject().path("uuid").asText("");
                if (!parent.isEmpty()) {
                    uuid = parent;
                    overlay.log(Severity.DEBUG, "hello parent " + parentRank() + " " + parent);
                    ready.complete(null);
                    return;
                }
                error = "overlay.hello: response has no uuid";
            } else {
                String s = msg.hasPayload() ? msg.errorString() : null;
                error = "overlay.hello: " + (s != null && !s.isEmpty() ? s : Errno.strerror(msg.errnum()));
            }
        } catch (FormatException e) {
            error = "overlay.hello: " + e.getMessage();
        }
        overlay.log(Severity.ERR, error);
        usable = false;
        ready.completeExceptionally(new OverlayException(Errno.EPROTO, error));
        overlay.notifyParentLost(error);
    }

    void disconnect(String reason) {
        if (dealer != null && !offline) {
            try {
                dealer.disconnect(uri);
            } catch (ZMQException e) {
                overlay.log(Severity.DEBUG, "disconnect " + uri + ": " + e);
            }
            offline = true;
            usable = false;
            for (Message req : tracker.purge()) {
                overlay.routeFailure(Message.errorResponse(req, Errno.EHOSTUNREACH.number(), "overlay disconnect"),
                        null);
            }
            ready.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, reason));
            overlay.notifyParentLost(reason);
        }
    }

    /** The I/O thread: says goodbye if the hello was answered; {@link #goodbyeDone} completes on the answer. */
    void goodbye() {
        if (rank == 0 || !helloResponded || !usable) {
            goodbyeDone.complete(null);
            return;
        }
        Message m = Message.request("overlay.goodbye").rolemask(Roles.OWNER).build();
        if (!send(m)) {
            goodbyeDone.complete(null);
            return;
        }
        goodbyeSent = true;
        usable = false;
    }

    CompletableFuture<Void> goodbyeDone() {
        return goodbyeDone;
    }

    /** The overlay thread ended: nothing more will come from the parent. */
    void closed() {
        usable = false;
        ready.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, "overlay closed"));
        goodbyeDone.complete(null);
    }

    private void checkSequence(Message event) {
        int seq = event.sequence();
        if (Integer.compareUnsigned(seq, eventSeq) <= 0) {
            overlay.log(Severity.DEBUG, "duplicate event " + Integer.toUnsignedString(seq));
            return;
        }
        if (eventSeq > 0) {
            int first = eventSeq + 1;
            int count = seq - first;
            if (count > 1) {
                overlay.log(Severity.ERR, "lost events " + first + "-" + (seq - 1));
            } else if (count == 1) {
                overlay.log(Severity.ERR, "lost event " + first);
            }
        }
        eventSeq = seq;
    }
}
