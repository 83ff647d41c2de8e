package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.osgi.service.component.annotations.Component;

/**
 * The broker's built-in {@code rexec} module (flux-core src/modules/rexec): a
 * {@link SubprocessServer} for the instance owner, loaded in load-builtins as flux-core loads
 * its built-in modules. The server keeps its processes on its own
 * thread; its answers are sent from the service's host thread, in order. At broker shutdown the
 * processes get SIGTERM, and SIGKILL after 5 seconds, as flux-core's rexec module does.
 */
@FluxModule(SubprocessServer.SERVICE)
@Component(service = BrokerModule.class)
public final class RexecService implements BrokerModule {
    private static final long SHUTDOWN_SECONDS = 5;
    private static final int SIGTERM = 15;

    private SubprocessServer server;

    @Override
    public void start(ModuleContext context) {
        ModuleContext host = context;
        Responder responder = new Responder() {
            @Override
            public void respond(Message request, JsonNode payload) {
                host.execute(() -> host.respond(request, payload));
            }

            @Override
            public void respondError(Message request, int errnum, String text) {
                host.execute(() -> host.respondError(request, errnum, text));
            }
        };
        server = SubprocessServer.builder(responder)
                .rank(context.rank())
                .localUri(context.attribute("local-uri").orElse(null))
                .log((severity, text) -> host.execute(() -> host.log(severity, "%s", text)))
                .build();
        context.onRequest(SubprocessServer.SERVICE + ".*", server::handle);
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown(SIGTERM).toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // some did not exit: close() kills them
        }
        server.close();
        server = null;
    }
}
