package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * Broker groups (flux-core src/broker/groups.c), as much as the state machine needs: a broker joins or
 * leaves a named group ({@code groups.join}, {@code groups.leave}); the change travels up the tree
 * ({@code groups.update}) to rank 0, which keeps every group's members and answers {@code groups.get}
 * (streaming: a new response on each change). When a child's subtree is lost its parent takes the
 * subtree's ranks out of every group. The quorum is the group {@code broker.online}.
 */
final class GroupsService implements BrokerModule {
    private final Map<String, IdSet> groups = new HashMap<>();
    private final Map<String, List<Message>> watchers = new HashMap<>();
    private ModuleContext ctx;

    @Override
    public String name() {
        return "groups";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("groups.join", Roles.OWNER, m -> {
            update(name(m), IdSet.of(ctx.rank()), null);
            ctx.respond(m, null);
        });
        ctx.onRequest("groups.leave", Roles.OWNER, m -> {
            update(name(m), null, IdSet.of(ctx.rank()));
            ctx.respond(m, null);
        });
        ctx.onRequest("groups.update", Roles.OWNER, m -> {
            ObjectNode o = m.payloadObject();
            update(name(m), ids(o.get("join")), ids(o.get("leave")));
            ctx.respond(m, null);
        });
        ctx.onRequest("groups.get", Roles.USER, m -> {
            if (ctx.rank() != 0) {
                throw new RequestException(Errno.EPROTO, "groups.get is only available on rank 0");
            }
            String name = name(m);
            ctx.respond(m, members(name));
            if (m.isStreaming()) {
                watchers.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
            }
        });
        ctx.onRequest("groups.disconnect", Roles.USER, m -> watchers.values()
                .forEach(l -> l.removeIf(w -> w.routeFirst() != null && w.routeFirst().equals(m.routeFirst()))));
    }

    /**
     * A child's subtree went offline or was lost: its ranks leave every group (broker thread). Below
     * rank 0 the groups are not known here, so the leave goes up for {@code broker.online}.
     */
    void subtreeGone(IdSet ranks) {
        List<String> names = ctx.rank() > 0 ? List.of("broker.online") : new ArrayList<>(groups.keySet());
        for (String name : names) {
            update(name, null, ranks);
        }
    }

    private void update(String name, IdSet join, IdSet leave) {
        if (ctx.rank() > 0) {
            ObjectNode o = Json.object();
            o.put("name", name);
            if (join != null) {
                o.put("join", join.encode());
            }
            if (leave != null) {
                o.put("leave", leave.encode());
            }
            ctx.rpc("groups.update", Message.NODEID_UPSTREAM, o, MessageFlags.NORESPONSE);
            return;
        }
        IdSet members = groups.computeIfAbsent(name, k -> new IdSet());
        IdSet before = members.copy();
        if (join != null) {
            members.add(join);
        }
        if (leave != null) {
            members.subtract(leave);
        }
        if (!members.equals(before)) {
            ObjectNode rsp = members(name);
            for (Message w : watchers.getOrDefault(name, List.of())) {
                ctx.respond(w, rsp);
            }
        }
    }

    private ObjectNode members(String name) {
        ObjectNode o = Json.object();
        IdSet ids = groups.get(name);
        o.put("members", ids == null ? "" : ids.encode(IdSet.Flag.RANGE));
        return o;
    }

    private static String name(Message m) throws FormatException, RequestException {
        JsonNode n = m.payloadObject().get("name");
        if (n == null || !n.isTextual()) {
            throw new RequestException(Errno.EPROTO, "expected {\"name\":s}");
        }
        return n.asText();
    }

    private static IdSet ids(JsonNode n) throws FormatException {
        return n == null || !n.isTextual() ? null : IdSet.decode(n.asText());
    }
}
