package org.fluxj.module.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.osgi.service.component.annotations.Component;

/** The smallest module, as docs/architecture.md shows it ("How to add a module"). */
@FluxModule("hello")
@Component(service = BrokerModule.class)
public final class Hello implements BrokerModule {
    private String greeting = "hello";

    @Override
    public void start(ModuleContext ctx) {
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), "greeting=");
        greeting = args.value("greeting").orElse(greeting);
        ctx.onRequest("hello.greet", Roles.USER, m -> {
            String who = Request.of(m).string("name");
            ObjectNode o = Json.object();
            o.put("text", greeting + ", " + who);
            ctx.respond(m, o);
        });
    }
}
