package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Attributes.AttrException;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code attr} service (flux-core src/broker/attr.c): get and list for everyone, set and
 * rm for the owner. {@code log-stderr-level} updates reach the log buffer, as flux-core's
 * setattr redirect to log.setattr does.
 */
final class AttrService implements BrokerModule {
    private final Attributes attrs;
    private final LogBuffer log;
    private ModuleContext ctx;

    AttrService(Attributes attrs, LogBuffer log) {
        this.attrs = attrs;
        this.log = log;
    }

    @Override
    public String name() {
        return "attr";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("attr.get", Roles.ALL, this::get);
        ctx.onRequest("attr.list", Roles.ALL, m -> {
            ObjectNode o = Json.object();
            var names = o.putArray("names");
            attrs.names().forEach(names::add);
            ctx.respond(m, o);
        });
        ctx.onRequest("attr.set", this::set);
        ctx.onRequest("attr.rm", m -> {
            try {
                attrs.delete(text(m.payloadObject(), "name"));
            } catch (AttrException e) {
                throw new RequestException(e.errno());
            }
            ctx.respond(m, null);
        });
    }

    private void get(Message m) throws Exception {
        String name = text(m.payloadObject(), "name");
        String value = attrs.get(name).orElse(null);
        if (value == null) {
            throw new RequestException(Errno.ENOENT);
        }
        ObjectNode o = Json.object();
        o.put("value", value);
        o.put("flags", attrs.exposedFlags(name));
        ctx.respond(m, o);
    }

    private void set(Message m) throws Exception {
        JsonNode o = m.payloadObject();
        String name = text(o, "name");
        String value = text(o, "value");
        boolean force = o.path("force").asBoolean(false);
        if (name.equals("log-stderr-level") && !force) {
            int level = parseLevel(value);
            log.setStderrLevel(level);
        }
        try {
            attrs.setByRequest(name, value, force);
        } catch (AttrException e) {
            throw new RequestException(e.errno(), e.getMessage().equals(e.errno().message()) ? null : e.getMessage());
        }
        ctx.respond(m, null);
    }

    static int parseLevel(String value) throws RequestException {
        try {
            int level = Integer.parseInt(value.strip());
            if (level > 7) {
                throw new NumberFormatException();
            }
            return level;
        } catch (NumberFormatException e) {
            throw new RequestException(Errno.EINVAL, "invalid log level");
        }
    }

    static String text(JsonNode o, String key) throws RequestException {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new RequestException(Errno.EPROTO);
        }
        return v.asText();
    }
}
