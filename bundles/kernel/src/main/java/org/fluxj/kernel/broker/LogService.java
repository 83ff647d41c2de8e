package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code log} service (flux-core src/broker/log.c): append, dmesg (streaming, with
 * follow and nobacklog), clear, cancel, disconnect, stats-get. Owner only, as in flux-core.
 */
final class LogService implements BrokerModule {
    private record Follower(Message request, Consumer<String> sink) {
    }

    private final LogBuffer buffer;
    private final List<Follower> followers = new ArrayList<>();
    private ModuleContext ctx;

    LogService(LogBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("log.append", this::append);
        if (ctx.rank() > 0) {
            // fire and forget, as flux-core's logbuf_forward; from this module's thread
            buffer.forwardTo(entry -> ctx.execute(() -> ctx.send(Message.request("log.append").nodeid(0)
                    .payloadString(entry).build())),
                    Integer.parseInt(ctx.attribute("log-forward-level").orElse("3")));
        }
        ctx.onRequest("log.dmesg", this::dmesg);
        ctx.onRequest("log.clear", m -> {
            buffer.clear();
            ctx.respond(m, null);
        });
        ctx.onRequest("log.cancel", this::cancel);
        ctx.onRequest("log.disconnect", this::disconnect);
        ctx.onRequest("log.stats-get", m -> {
            ObjectNode o = Json.object();
            o.put("ring-used", buffer.ringUsed());
            o.put("count", buffer.count());
            o.put("local", buffer.localCount());
            o.put("remote", buffer.remoteCount());
            ctx.respond(m, o);
        });
    }

    /** log.append: a raw stdlog payload; answered only if it has a matchtag, as flux-core does. */
    private void append(Message m) {
        byte[] p = m.payload();
        if (p != null) {
            int len = p.length;
            while (len > 0 && p[len - 1] == 0) {
                len--;
            }
            buffer.append(new String(p, 0, len, StandardCharsets.UTF_8));
        }
        if (m.matchtag() != Message.MATCHTAG_NONE) {
            ctx.respond(m, null);
        }
    }

    private void dmesg(Message m) throws Exception {
        JsonNode o = m.payloadObject();
        boolean follow = o.path("follow").asBoolean(false);
        boolean nobacklog = o.path("nobacklog").asBoolean(false);
        if (!m.isStreaming()) {
            throw new RequestException(Errno.EPROTO);
        }
        List<String> backlog;
        if (follow) {
            Follower f = new Follower(m, entry -> ctx.schedule(Duration.ZERO, () -> respondString(m, entry)));
            followers.add(f);
            backlog = buffer.follow(f.sink);
        } else {
            backlog = buffer.entries();
        }
        if (!nobacklog) {
            backlog.forEach(e -> respondString(m, e));
        }
        if (!follow) {
            ctx.respondError(m, Errno.ENODATA.number(), null);
        }
    }

    private void cancel(Message m) throws Exception {
        int matchtag = m.payloadObject().path("matchtag").asInt();
        for (Follower f : List.copyOf(followers)) {
            if (f.request.routes().equals(m.routes()) && f.request.matchtag() == matchtag) {
                drop(f);
                ctx.respondError(f.request, Errno.ENODATA.number(), null);
            }
        }
    }

    private void disconnect(Message m) {
        for (Follower f : List.copyOf(followers)) {
            if (f.request.routes().equals(m.routes())) {
                drop(f);
            }
        }
    }

    private void drop(Follower f) {
        followers.remove(f);
        buffer.unfollow(f.sink);
    }

    @Override
    public void stop() {
        followers.forEach(f -> buffer.unfollow(f.sink));
        followers.clear();
    }

    /** A log line as the response's string payload (flux_respond with a string, as log.dmesg sends it). */
    private void respondString(Message request, String entry) {
        if (!request.isNoResponse()) {
            ctx.send(Message.responseTo(request).payloadString(entry).build());
        }
    }
}
