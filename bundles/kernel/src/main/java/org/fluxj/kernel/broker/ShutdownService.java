package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.stdlog.Stdlog;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code shutdown} service (flux-core src/broker/shutdown.c): {@code shutdown.start}
 * moves the instance out of the run state; a streaming request gets the log lines at or
 * below its {@code loglevel} as {@code {"log": "..."}} until the goodbye state.
 */
final class ShutdownService implements BrokerModule {
    private final StateMachine stateMachine;
    private final LogBuffer buffer;
    private ModuleContext ctx;
    private Message request;
    private Consumer<String> follower;

    ShutdownService(StateMachine stateMachine, LogBuffer buffer) {
        this.stateMachine = stateMachine;
        this.buffer = buffer;
    }

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("shutdown.start", this::begin);
        stateMachine.onTransition(s -> {
            if (s == BrokerState.GOODBYE && request != null) {
                Message m = request;
                buffer.unfollow(follower);
                // after the log lines already scheduled
                ctx.schedule(Duration.ZERO, () -> {
                    request = null;
                    ctx.respondError(m, Errno.ENODATA.number(), null);
                });
            }
        });
    }

    private void begin(Message m) throws Exception {
        if (request != null) {
            throw new RequestException(Errno.EINVAL, "shutdown is already in progress");
        }
        int loglevel = m.hasPayload() ? m.payloadObject().path("loglevel").asInt(3) : 3;
        if (!stateMachine.shutdown()) {
            throw new RequestException(Errno.EINVAL, "shutdown cannot be started in the "
                    + stateMachine.state() + " state");
        }
        if (!m.isStreaming()) {
            ctx.respond(m, null);
            return;
        }
        request = m;
        follower = entry -> {
            Stdlog e = Stdlog.decode(entry);
            if (e != null && e.severity() <= loglevel) {
                ObjectNode o = Json.object();
                o.put("log", e.appname() + "." + Stdlog.severityName(e.severity()) + "[" + e.rank() + "]: "
                        + e.message() + "\n");
                ctx.schedule(Duration.ZERO, () -> {
                    if (request == m) {
                        ctx.respond(m, o);
                    }
                });
            }
        };
        buffer.follow(follower);
    }
}
