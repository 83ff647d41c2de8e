package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.fluxj.overlay.OverlayException;
import org.fluxj.overlay.Topology;

/**
 * The {@code overlay} service, as flux-core's overlay module answers it: {@code overlay.health} (this
 * broker's subtree status and its children's; streaming requests get a new response on each change),
 * {@code overlay.topology} (the tree below this rank or a direct child), {@code overlay.disconnect-subtree}
 * and {@code overlay.disconnect-parent} (owner only) and {@code overlay.stats-get}. Guests may ask for health, topology and stats. A singleton
 * broker answers as a tree of one.
 */
public final class OverlayService implements BrokerModule {
    private final BrokerOverlay port; // null: a singleton
    private final long start = System.nanoTime();
    private final List<Message> watchers = new ArrayList<>();
    private volatile ModuleContext ctx;

    OverlayService(BrokerOverlay port) {
        this.port = port;
    }

    /** The service of a broker without peers. */
    static OverlayService singleton() {
        return new OverlayService(null);
    }

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("overlay.health", Roles.USER, m -> {
            if (m.isStreaming()) {
                watchers.add(m);
            }
            ctx.respond(m, health());
        });
        ctx.onRequest("overlay.disconnect", Roles.USER,
                m -> watchers.removeIf(w -> w.routeFirst() != null && w.routeFirst().equals(m.routeFirst())));
        ctx.onRequest("overlay.topology", Roles.USER, m -> ctx.respond(m, topology(rankOf(m))));
        ctx.onRequest("overlay.stats-get", Roles.USER, m -> ctx.respond(m, stats()));
        ctx.onRequest("overlay.disconnect-subtree", Roles.OWNER, this::disconnect);
        ctx.onRequest("overlay.disconnect-parent", Roles.OWNER, this::disconnectParent);
    }

    /** Something changed: streaming health requests get a fresh response (any thread). */
    void statusChanged() {
        ModuleContext c = ctx;
        if (c != null) {
            c.execute(() -> {
                if (!watchers.isEmpty()) {
                    ObjectNode h = health();
                    watchers.forEach(w -> c.respond(w, h));
                }
            });
        }
    }

    private ObjectNode health() {
        if (port == null) {
            ObjectNode o = Json.object();
            o.put("rank", 0);
            o.put("status", "full");
            o.put("duration", (System.nanoTime() - start) / 1e9);
            o.putArray("children");
            return o;
        }
        return port.overlay().health().toJson();
    }

    private static int rankOf(Message m) throws Exception {
        JsonNode r = m.payloadObject().get("rank");
        if (r == null || !r.isIntegralNumber() || !r.canConvertToInt()) {
            throw new RequestException(Errno.EPROTO, "expected {\"rank\":i}");
        }
        return r.asInt();
    }

    private ObjectNode topology(int rank) throws RequestException {
        if (port == null) {
            if (rank != 0) {
                throw new RequestException(Errno.ENOENT, "requested rank is not this broker or its direct child");
            }
            return toJson(Topology.create("kary:2", 1).subtree(0));
        }
        try {
            return toJson(port.overlay().subtree(rank));
        } catch (IllegalArgumentException e) {
            throw new RequestException(Errno.ENOENT, e.getMessage());
        }
    }

    private static ObjectNode toJson(Topology.Subtree t) {
        ObjectNode o = Json.object();
        o.put("rank", t.rank());
        o.put("size", t.size());
        ArrayNode a = o.putArray("children");
        for (Topology.Subtree c : t.children()) {
            a.add(toJson(c));
        }
        return o;
    }

    private ObjectNode stats() {
        if (port == null) {
            ObjectNode o = Json.object();
            o.put("child-count", 0);
            o.put("child-connected", 0);
            o.put("parent-count", 0);
            o.put("parent-rpc", 0);
            o.put("child-rpc", 0);
            return o;
        }
        return port.overlay().stats().join();
    }

    private void disconnect(Message m) throws Exception {
        int rank = rankOf(m);
        if (port == null) {
            throw new RequestException(Errno.ENOENT, "requested rank is not this broker's direct child");
        }
        port.overlay().disconnect(rank).whenComplete((v, e) -> ctx.execute(() -> {
            if (e == null) {
                ctx.respond(m, null);
                return;
            }
            Throwable c = Rpc.cause(e);
            if (c instanceof OverlayException oe) {
                ctx.respondError(m, oe.errno().number(), oe.getMessage());
            } else {
                ctx.respondError(m, Errno.EINVAL.number(), c.getMessage());
            }
        }));
    }

    /**
     * {@code overlay.disconnect-parent {reason}}, no response: drop the parent as if it had
     * disconnected (the heartbeat module's timeout). Rank 0 has no parent to drop.
     */
    private void disconnectParent(Message m) {
        JsonNode reason;
        try {
            reason = m.payloadObject().get("reason");
        } catch (FormatException e) {
            reason = null;
        }
        if (reason == null || !reason.isTextual()) {
            ctx.log(Severity.ERR, "overlay.disconnect-parent error: expected {\"reason\":s}");
            return;
        }
        if (port != null && port.overlay().rank() != 0) {
            port.overlay().disconnectParent(reason.textValue());
        }
    }
}
