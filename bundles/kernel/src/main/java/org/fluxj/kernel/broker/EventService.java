package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.router.Router;

/**
 * The {@code event} service (flux-core broker.c): publish (rank 0 sequences the event, its
 * payload given base64-encoded, credentials the publisher's), and subscribe/unsubscribe for
 * the module that sends them (connector-local subscribes on behalf of its clients).
 */
final class EventService implements BrokerModule {
    private final Router router;
    private ModuleContext ctx;

    EventService(Router router) {
        this.router = router;
    }

    @Override
    public String name() {
        return "event";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("event.publish", Roles.USER, this::publish);
        ctx.onRequest("event.subscribe", Roles.USER, m -> subscription(m, true));
        ctx.onRequest("event.unsubscribe", Roles.USER, m -> subscription(m, false));
    }

    private void publish(Message m) throws Exception {
        JsonNode o = m.payloadObject();
        JsonNode topic = o.get("topic");
        JsonNode flags = o.get("flags");
        if (topic == null || !topic.isTextual() || flags == null || !flags.isInt()) {
            throw new RequestException(Errno.EPROTO);
        }
        if (router.rank() > 0) {
            throw new RequestException(Errno.EPROTO, "this service is only available on rank 0");
        }
        if ((flags.asInt() & ~MessageFlags.PRIVATE) != 0) {
            throw new RequestException(Errno.EPROTO);
        }
        Message.Builder b = Message.event(topic.asText()).cred(m.userid(), m.rolemask());
        if ((flags.asInt() & MessageFlags.PRIVATE) != 0) {
            b.makePrivate();
        }
        JsonNode payload = o.get("payload");
        if (payload != null && !payload.isNull()) {
            try {
                b.payload(Base64.getDecoder().decode(payload.asText()));
            } catch (IllegalArgumentException e) {
                throw new RequestException(Errno.EPROTO);
            }
        }
        router.publishFromService(b.build(), seq -> {
            ObjectNode r = Json.object();
            r.put("seq", seq);
            ctx.respond(m, r);
        });
    }

    private void subscription(Message m, boolean subscribe) throws Exception {
        String topic = AttrService.text(m.payloadObject(), "topic");
        String sender = m.routeLast();
        if (sender == null) {
            throw new RequestException(Errno.EPROTO);
        }
        if (subscribe) {
            router.subscribe(sender, topic);
        } else {
            router.unsubscribe(sender, topic);
        }
        ctx.respond(m, null);
    }
}
