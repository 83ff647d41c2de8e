package org.fluxj.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
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

    /** A rank-0 broker of one, with no log and an empty configuration. */
    private HostServices services(Router router) {
        return new HostServices(router, new Attributes(), (s, a, t) -> { }, Conf.Loaded::empty, timers, 0, 1);
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
        HostServices services = services(router);
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

    /** A guest may publish, but only handlers that admit guests see it (flux_msg_handler's rolemask). */
    @Test
    void eventsFromGuestsReachOnlyHandlersThatAdmitThem() throws Exception {
        Router router = new Router(Runnable::run, 0, 1000, (s, a, t) -> { });
        HostServices services = services(router);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        BrokerModule module = new BrokerModule() {
            @Override
            public String name() {
                return "listener";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.onEvent("svc.", m -> seen.add("owner-only " + m.topic() + " " + m.userid()));
                ctx.onEvent("svc.", Roles.USER, m -> seen.add("users " + m.topic() + " " + m.userid()));
            }
        };
        ModuleHost host = new ModuleHost("listener", module, List.of(), services, null, "test");
        host.start().join();
        router.publishFromService(Message.event("svc.forged").cred(1001, Roles.USER).build(), seq -> { });
        router.publishFromService(Message.event("svc.real").cred(1000, Roles.OWNER).build(), seq -> { });
        // one thread delivers in sequence order, so the guest's event is settled before the owner's arrive
        assertEquals("users svc.forged 1001", seen.take());
        assertEquals(List.of("owner-only svc.real 1000", "users svc.real 1000"), List.of(seen.take(), seen.take()));
        host.stop().join();
        assertEquals(List.of(), List.copyOf(seen));
    }

    /** A handler that throws, an Error included, answers its request with the error; the module serves on. */
    @Test
    void aHandlerThatThrowsAnErrorIsAnsweredAndTheModuleServesOn() throws Exception {
        Router router = new Router(Runnable::run, 0, 1000, (s, a, t) -> { });
        HostServices services = services(router);
        BlockingQueue<Message> answers = new LinkedBlockingQueue<>();
        Endpoint client = new Endpoint() {
            @Override
            public String uuid() {
                return "client";
            }

            @Override
            public void deliver(Message m) {
                answers.add(m);
            }
        };
        router.attach(client);
        BrokerModule module = new BrokerModule() {
            @Override
            public String name() {
                return "thrower";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.onRequest("thrower.deep", Roles.OWNER, m -> {
                    throw new StackOverflowError();
                });
                ctx.onRequest("thrower.ok", Roles.OWNER, m -> ctx.respond(m, Json.object()));
            }
        };
        ModuleHost host = new ModuleHost("thrower", module, List.of(), services, null, "test");
        host.start().join();
        router.send(client, Message.request("thrower.deep").cred(1000, Roles.OWNER).build());
        Message failed = answers.take();
        assertEquals(Errno.EINVAL.number(), failed.errnum());
        assertEquals("StackOverflowError", failed.errorString());
        router.send(client, Message.request("thrower.ok").cred(1000, Roles.OWNER).build());
        assertEquals(0, answers.take().errnum());
        host.stop().join();
    }
}
