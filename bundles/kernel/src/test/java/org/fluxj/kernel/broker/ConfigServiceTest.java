package org.fluxj.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.module.HostServices;
import org.fluxj.kernel.module.ModuleHost;
import org.fluxj.kernel.router.Endpoint;
import org.fluxj.kernel.router.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config service in a router of its own, driven by requests as {@code flux config} sends them. */
class ConfigServiceTest {
    private final ExecutorService brokerThread = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> updates = new ArrayList<>(); // "name:config" as targets were offered them
    private final List<ConfigService.Target> targets = new ArrayList<>();
    private Router router;
    private ConfigService service;
    private final Client client = new Client();
    private int matchtag = 1;

    /** A client endpoint: what it receives, in order. */
    private static final class Client implements Endpoint {
        final BlockingQueue<Message> got = new LinkedBlockingQueue<>();

        @Override
        public String uuid() {
            return "client";
        }

        @Override
        public void deliver(Message m) {
            got.add(m);
        }

        Message next() throws InterruptedException {
            Message m = got.poll(30, TimeUnit.SECONDS);
            assertNotNull(m, "no response");
            return m;
        }
    }

    /** A target that takes any configuration, or refuses those whose "bad" key is set. */
    private ConfigService.Target target(String name) {
        return new ConfigService.Target() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Void> update(JsonNode conf) {
                synchronized (updates) {
                    updates.add(name + ":" + Json.encode(conf));
                }
                return conf.has("bad") && name.equals("picky")
                        ? CompletableFuture.failedFuture(new FormatException("bad is bad"))
                        : CompletableFuture.completedFuture(null);
            }
        };
    }

    private void start(int rank, String path, String initial) throws Exception {
        router = new Router(brokerThread, rank, 1000, (s, a, t) -> { });
        service = new ConfigService(path, new Conf.Loaded(Json.parseObject(initial, "initial"), Map.of()), () -> targets);
        HostServices hs = new HostServices(router, new Attributes(), (s, a, t) -> { }, () -> service.loaded(),
                timers, rank, 1);
        new ModuleHost("config", service, List.of(), hs, brokerThread, "builtin").start().get(30, TimeUnit.SECONDS);
        router.attach(client);
    }

    @AfterEach
    void stop() {
        brokerThread.shutdownNow();
        timers.shutdownNow();
    }

    private Message rpc(String topic, String json, boolean streaming, int rolemask) throws InterruptedException {
        Message.Builder b = Message.request(topic).matchtag(matchtag++);
        if (json != null) {
            b.payloadString(json);
        }
        if (streaming) {
            b.streaming();
        }
        if (rolemask != Roles.OWNER) {
            b.userid(1001).rolemask(rolemask);
        }
        router.send(client, b.build());
        return client.next();
    }

    private Message rpc(String topic, String json) throws InterruptedException {
        return rpc(topic, json, false, Roles.OWNER);
    }

    private static String error(Message m) throws FormatException {
        return Errno.of(m.errnum()) + ": " + m.errorString();
    }

    @Test
    void loadReplacesTheConfigAndEveryTargetGetsIt() throws Exception {
        targets.add(target("kvs"));
        targets.add(target("heartbeat"));
        start(0, null, "{\"a\":1}");
        assertEquals("{\"a\":1}", Json.encode(rpc("config.get", null).payloadJson()));
        assertEquals(0, rpc("config.load", "{\"b\":{\"c\":2}}").errnum());
        assertEquals("{\"b\":{\"c\":2}}", Json.encode(rpc("config.get", null).payloadJson()));
        assertEquals(List.of("kvs:{\"b\":{\"c\":2}}", "heartbeat:{\"b\":{\"c\":2}}"), updates);
        assertEquals(0, rpc("config.load", "{\"b\":{\"c\":2}}").errnum());
        assertEquals(2, updates.size(), "the same configuration again is no change");
    }

    @Test
    void aRefusalLeavesEverythingAsItWas() throws Exception {
        targets.add(target("kvs"));
        targets.add(target("picky"));
        targets.add(target("last"));
        start(0, null, "{}");
        Message r = rpc("config.load", "{\"bad\":true}");
        assertEquals("EINVAL: error updating picky: bad is bad", error(r));
        assertEquals(List.of("kvs:{\"bad\":true}", "picky:{\"bad\":true}", "kvs:{}"), updates);
        assertEquals("{}", Json.encode(rpc("config.get", null).payloadJson()));
    }

    @Test
    void malformedAndUnauthorizedRequestsAreRefused() throws Exception {
        start(0, null, "{}");
        for (String bad : new String[] {null, "[1]", "42", "\"x\"", "{nope"}) {
            Message r = rpc("config.load", bad);
            assertEquals(Errno.EPROTO.number(), r.errnum(), bad);
        }
        assertEquals(Errno.EPERM.number(), rpc("config.load", "{}", false, Roles.USER).errnum());
        assertEquals(Errno.EPERM.number(), rpc("config.reload", null, false, Roles.USER).errnum());
        assertEquals(0, rpc("config.get", null, false, Roles.USER).errnum(), "a guest may read it");
    }

    @Test
    void followersRefuseChanges() throws Exception {
        start(1, null, "{}");
        assertEquals("EINVAL: configuration can only be changed on rank 0", error(rpc("config.load", "{}")));
        assertEquals("EINVAL: configuration can only be changed on rank 0", error(rpc("config.reload", null)));
    }

    @Test
    void reloadRereadsTheFiles(@TempDir Path dir) throws Exception {
        targets.add(target("kvs"));
        Files.writeString(dir.resolve("a.toml"), "[x]\ny = 1\n");
        start(0, dir.toString(), "{}");
        assertEquals(0, rpc("config.reload", null).errnum());
        assertEquals("{\"x\":{\"y\":1}}", Json.encode(rpc("config.get", null).payloadJson()));
        Files.writeString(dir.resolve("a.toml"), "[x\n");
        Message r = rpc("config.reload", null);
        assertTrue(error(r).startsWith("EINVAL: Config file error: "), error(r));
        assertEquals("{\"x\":{\"y\":1}}", Json.encode(rpc("config.get", null).payloadJson()));
    }

    @Test
    void streamingGettersHearOfEveryChange() throws Exception {
        start(0, null, "{}");
        Message first = rpc("config.get", null, true, Roles.OWNER);
        assertEquals("{}", Json.encode(first.payloadJson()));
        router.send(client, Message.request("config.load").matchtag(99).payloadString("{\"n\":1}").build());
        Message update = client.next();
        assertEquals(first.matchtag(), update.matchtag(), "the getter hears first");
        assertEquals("{\"n\":1}", Json.encode(update.payloadJson()));
        assertEquals(99, client.next().matchtag());
        router.send(client, Message.request("config.disconnect").noResponse().build());
        assertEquals(0, rpc("config.load", "{\"n\":2}").errnum());
        assertEquals(null, client.got.poll(), "a disconnected getter hears no more");
    }

    @Test
    void confBuiltinAnswersKnownKeys(@TempDir Path home) throws Exception {
        ObjectNode r = BrokerService.confBuiltin(Json.parseObject("{\"keys\":[\"confdir\",42,null,\"exec_path\"]}", "t"),
                home);
        assertEquals(2, r.get("values").size());
        assertEquals(0, BrokerService.confBuiltin(Json.parseObject("{\"keys\":[]}", "t"), home).get("values").size());
        for (String bad : new String[] {"{}", "{\"keys\":42}", "{\"keys\":\"confdir\"}"}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.fluxj.kernel.api.RequestException.class,
                    () -> BrokerService.confBuiltin(Json.parseObject(bad, "t"), home));
            assertEquals(Errno.EPROTO, e.errno());
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.fluxj.kernel.api.RequestException.class,
                () -> BrokerService.confBuiltin(Json.parseObject("{\"keys\":[\"confdir\",\"\",\"x\"]}", "t"), home));
        assertEquals(": invalid key", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(org.fluxj.kernel.api.RequestException.class,
                () -> BrokerService.confBuiltin(null, home));
    }
}
