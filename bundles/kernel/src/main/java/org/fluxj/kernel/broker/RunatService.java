package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code runat} service (flux-core src/broker/runat.c): {@code runat.push} puts shell
 * commands first in a phase, as {@code flux admin cleanup-push} does with the cleanup phase
 * that runs after the initial program. Owner only.
 */
final class RunatService implements BrokerModule {
    private final Runat runat;
    private ModuleContext ctx;

    RunatService(Runat runat) {
        this.runat = runat;
    }

    @Override
    public String name() {
        return "runat";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("runat.push", this::push);
    }

    private void push(Message m) throws Exception {
        JsonNode o = m.payloadObject();
        JsonNode name = o.get("name");
        JsonNode commands = o.get("commands");
        if (name == null || !name.isTextual() || commands == null || !commands.isArray()) {
            throw new RequestException(Errno.EPROTO);
        }
        if (commands.isEmpty()) {
            throw new RequestException(Errno.EPROTO, "commands array is empty");
        }
        for (JsonNode c : commands) {
            if (!c.isTextual() || c.asText().isEmpty()) {
                throw new RequestException(Errno.EPROTO, "cannot push an empty command line");
            }
        }
        commands.forEach(c -> runat.pushShellCommandFirst(name.asText(), c.asText()));
        ctx.respond(m, null);
    }
}
