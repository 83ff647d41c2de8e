package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfBuiltin;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code broker} service: flux-core's default methods (broker.ping, broker.stats-get), and
 * {@code broker.conf-builtin}, which gives anyone the compiled-in paths of {@code keys}.
 */
final class BrokerService implements BrokerModule {
    private final Path home;

    /** @param home the fluxj tree or installation the broker runs from (null if unknown) */
    BrokerService(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.onRequest("broker.conf-builtin", Roles.ALL, m -> {
            JsonNode payload;
            try {
                payload = m.payloadJson();
            } catch (FormatException e) {
                payload = null;
            }
            ctx.respond(m, confBuiltin(payload, home));
        });
    }

    /**
     * flux-core's broker_conf_builtin_cb: {@code {"values":{KEY:VALUE,...}}} for the request's
     * {@code {"keys":[KEY,...]}}; elements that are not strings are skipped, and an unknown key
     * fails the request (EINVAL, "KEY: invalid key"); a request without a keys array is EPROTO.
     */
    static ObjectNode confBuiltin(JsonNode request, Path home) throws RequestException {
        JsonNode keys = request == null ? null : request.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new RequestException(Errno.EPROTO);
        }
        ObjectNode values = Json.object();
        for (JsonNode k : keys) {
            if (!k.isTextual()) {
                continue;
            }
            String v = ConfBuiltin.get(k.asText(), ConfBuiltin.Hint.AUTO, home);
            if (v == null) {
                throw new RequestException(Errno.EINVAL, k.asText() + ": invalid key");
            }
            values.put(k.asText(), v);
        }
        ObjectNode o = Json.object();
        o.set("values", values);
        return o;
    }
}
