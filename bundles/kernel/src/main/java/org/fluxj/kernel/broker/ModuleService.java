package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.module.ModuleHost;
import org.fluxj.kernel.module.ModuleManager;
import org.fluxj.kernel.router.Router;

/** The {@code module} service (flux-core src/broker/modhash.c): load, remove, list. */
final class ModuleService implements BrokerModule {
    private final ModuleManager modules;
    private final Router router;
    private ModuleContext ctx;

    ModuleService(ModuleManager modules, Router router) {
        this.modules = modules;
        this.router = router;
    }

    @Override
    public String name() {
        return "module";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("module.load", this::load);
        ctx.onRequest("module.remove", m -> {
            String name = AttrService.text(m.payloadObject(), "name");
            answer(m, modules.remove(name));
        });
        ctx.onRequest("module.list", this::list);
    }

    private void load(Message m) throws Exception {
        JsonNode o = m.payloadObject();
        String path = AttrService.text(o, "path");
        List<String> args = new ArrayList<>();
        o.path("args").forEach(a -> args.add(a.asText()));
        answer(m, modules.load(path, args));
    }

    /** Responds when a module operation finishes, back on this service's thread. */
    private void answer(Message m, CompletableFuture<?> f) {
        f.whenComplete((v, e) -> ctx.schedule(Duration.ZERO, () -> {
            if (e == null) {
                ctx.respond(m, null);
                return;
            }
            Throwable cause = Rpc.cause(e);
            if (cause instanceof RequestException r) {
                ctx.respondError(m, r.errno().number(), r.getMessage());
            } else {
                ctx.respondError(m, Errno.EINVAL.number(),
                        cause.getMessage() != null ? cause.getMessage() : cause.toString());
            }
        }));
    }

    private void list(Message m) {
        ObjectNode o = Json.object();
        ArrayNode mods = o.putArray("mods");
        for (ModuleHost h : modules.list()) {
            ObjectNode e = mods.addObject();
            e.put("name", h.name());
            e.put("path", h.path());
            e.put("idle", h.idleSeconds());
            e.put("status", h.state());
            ArrayNode svcs = e.putArray("services");
            router.servicesOf(h.uuid()).forEach(svcs::add);
            e.put("sendqueue", 0);
            e.put("recvqueue", h.receiveQueue());
        }
        ctx.respond(m, o);
    }
}
