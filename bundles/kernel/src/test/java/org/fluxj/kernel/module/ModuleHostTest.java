package org.fluxj.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.router.Endpoint;
import org.fluxj.kernel.router.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A module's life cycle in its host. */
class ModuleHostTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void unloadingEndsEvenWhenAFailedRpcsCallbackSendsAnother() {
        Router router = new Router(Runnable::run, 0, 1000, (s, a, t) -> { });
        Endpoint sink = new Endpoint() { // takes requests and never answers
            @Override
            public String uuid() {
                return "sink";
            }

            @Override
            public void deliver(Message m) {
            }
        };
        router.attach(sink);
        router.addService("sink", sink.uuid(), e -> { });
        HostServices services = new HostServices(router, new Attributes(), (s, a, t) -> { }, Conf.Loaded::empty,
                timers, 0, 1);
        CompletableFuture<String> retried = new CompletableFuture<>();
        BrokerModule module = new BrokerModule() {
            @Override
            public String name() {
                return "retrier";
            }

            @Override
            public void start(ModuleContext ctx) {
                // as the kvs does when its first store fails: it sends again, from the failure callback
                ctx.rpc("sink.store", null).response().whenComplete((r, e) -> {
                    ctx.rpc("sink.store", null);
                    retried.complete(e.getMessage());
                });
            }
        };
        ModuleHost host = new ModuleHost("retrier", module, List.of(), services, null, "test");
        host.start().join();
        host.stop().join();
        assertEquals("module retrier was unloaded", retried.join().replaceFirst("^.*: ", ""));
    }
}
