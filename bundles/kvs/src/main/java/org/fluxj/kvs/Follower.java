package org.fluxj.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;

/**
 * The KVS on a rank other than 0: no caching follower yet, so every request goes to rank 0 with
 * the requester's credential, and only flux-core's setroot-pause test hook is kept here.
 */
final class Follower {
    private final ModuleContext ctx;
    /** Namespaces paused on this rank, with the commit answers held for them. */
    private final Map<String, List<Map.Entry<Message, Message>>> pausedHere = new HashMap<>();

    Follower(ModuleContext ctx) {
        this.ctx = ctx;
    }

    void start() {
        ctx.onRequest("kvs.setroot-pause", Roles.USER, m -> pauseHere(m, true)); // before kvs.*: first match
        ctx.onRequest("kvs.setroot-unpause", Roles.USER, m -> pauseHere(m, false));
        ctx.onRequest("kvs.*", Roles.USER, this::forward);
    }

    /** Any kvs request goes to rank 0 with the requester's credential. */
    private void forward(Message m) {
        if (m.topic().equals("kvs.disconnect")) {
            return;
        }
        String held = m.topic().equals("kvs.commit") || m.topic().equals("kvs.fence") ? namespaceOf(m) : null;
        Message.Builder b = Message.request(m.topic());
        if (m.hasPayload()) {
            b.payload(m.payload());
        }
        toRankZero(m, b).whenComplete((r, e) -> {
            if (e != null) {
                KvsErrors.respondError(ctx, m, e);
            } else if (held != null && pausedHere.containsKey(held)) {
                pausedHere.get(held).add(Map.entry(m, r));
            } else {
                ctx.respondRaw(m, r.hasPayload() ? r.payload() : null);
            }
        });
    }

    /** A request built in {@code b} sent to rank 0 as {@code m}'s requester. */
    private CompletionStage<Message> toRankZero(Message m, Message.Builder b) {
        return ctx.rpc(b.nodeid(0).cred(m.userid(), m.rolemask()).build()).response();
    }

    private static String namespaceOf(Message m) {
        try {
            JsonNode ns = m.payloadObject().get("namespace");
            return ns != null && ns.isTextual() ? ns.asText() : null;
        } catch (FormatException e) {
            return null;
        }
    }

    /**
     * kvs.setroot-pause or -unpause: the namespace must exist and be the requester's (rank 0's
     * getroot says), then commit answers for it are held here, or released.
     */
    private void pauseHere(Message m, boolean pause) throws RequestException {
        String ns = Request.of(m).string("namespace");
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        toRankZero(m, Message.request("kvs.getroot").payloadJson(o)).whenComplete((r, e) -> {
            if (e != null) {
                KvsErrors.respondError(ctx, m, e);
                return;
            }
            if (pause) {
                pausedHere.putIfAbsent(ns, new ArrayList<>());
            } else {
                List<Map.Entry<Message, Message>> held = pausedHere.remove(ns);
                if (held != null) {
                    held.forEach(h -> ctx.respondRaw(h.getKey(), h.getValue().hasPayload() ? h.getValue().payload() : null));
                }
            }
            ctx.respond(m, null);
        });
    }
}
