package org.fluxj.itest.testmod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.osgi.service.component.annotations.Component;

/**
 * The module the integration tests drive: {@code testmod.info} answers with its load
 * arguments; {@code testmod.hold} is never answered (a request the module still holds when it
 * is unloaded); loaded with the argument {@code fail} it throws in start, as a broken module.
 */
@FluxModule("testmod")
@Component(service = BrokerModule.class)
public final class TestModule implements BrokerModule {

    @Override
    public void start(ModuleContext ctx) {
        if (ctx.args().contains("fail")) {
            throw new IllegalStateException("told to fail");
        }
        ctx.onRequest("testmod.info", Roles.USER, m -> {
            ObjectNode o = Json.object();
            var a = o.putArray("args");
            ctx.args().forEach(a::add);
            o.put("rank", ctx.rank());
            ctx.respond(m, o);
        });
        ctx.onRequest("testmod.hold", Roles.USER, m -> { });
    }
}
