package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * flux module against a running instance: a module bundle built in the reactor
 * (itest/testmodule) loaded by path and by name, removed, reloaded, failing at start.
 */
class ModuleIT {
    private static final String JAR = FluxCli.root().resolve("itest/testmodule/target/testmodule.jar").toString();
    private static TestBroker broker;

    @BeforeAll
    static void start() throws IOException {
        broker = new TestBroker(List.of(), Map.of("FLUX_MODULE_PATH",
                FluxCli.root().resolve("itest/testmodule/target").toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        broker.finish();
        broker.close();
    }

    private static void removeQuietly() {
        broker.flux("module", "remove", "-f", "testmod");
    }

    @Test
    void loadByPathThenRemove() {
        removeQuietly();
        broker.ok("module", "load", JAR, "a1", "a2");
        assertTrue(broker.ok("module", "list").lines().anyMatch(l -> l.startsWith("testmod ")));
        assertTrue(broker.ok("module", "list", "-l").contains(JAR));
        assertTrue(broker.ok("ping", "-c", "1", "testmod").contains("0!testmod.ping"));
        String stats = broker.ok("module", "stats", "testmod");
        assertTrue(stats.startsWith("{\"tx\":{"), stats);
        assertTrue(broker.ok("module", "stats", "-p", "rx.request", "testmod").matches("[1-9]\\d*\n"));
        broker.ok("module", "remove", "testmod");
        assertTrue(broker.ok("module", "list").lines().noneMatch(l -> l.startsWith("testmod ")));
        FluxCli.Result r = broker.flux("ping", "-c", "1", "testmod");
        assertEquals(1, r.status());
        assertEquals("flux-ping: testmod.ping: Function not implemented\n", r.err(), "ENOSYS once removed");
    }

    @Test
    void debugFlagsAreSetAndClearedThroughTheModulesDebugMethod() {
        assertEquals("0x0\n", broker.ok("module", "debug", "kvs"));
        assertEquals("0x2\n", broker.ok("module", "debug", "--setbit", "0x2", "kvs"));
        assertEquals("0x6\n", broker.ok("module", "debug", "-s", "4", "kvs"));
        assertEquals("0x4\n", broker.ok("module", "debug", "--clearbit=2", "kvs"));
        assertEquals("0x11\n", broker.ok("module", "debug", "--set", "17", "kvs"));
        assertEquals("0x0\n", broker.ok("module", "debug", "--clear", "kvs"));
        FluxCli.Result r = broker.flux("module", "debug", "--set", "lots", "kvs");
        assertEquals(new FluxCli.Result(1, "", "flux-module: invalid debug flags: lots\n"), r);
        r = broker.flux("module", "debug");
        assertEquals(new FluxCli.Result(1, "", "flux-module: flux-debug requires service argument\n"), r);
        r = broker.flux("module", "debug", "nosuch");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("nosuch.debug"), r.err());
    }

    @Test
    void statsRusageAndClearAll() throws Exception {
        JsonNode self = Json.parse(broker.ok("module", "stats", "--rusage", "kvs"), "rusage");
        for (String field : List.of("utime", "stime", "maxrss", "minflt", "majflt", "nvcsw", "nivcsw")) {
            assertTrue(self.has(field), field + " in " + self);
        }
        assertTrue(self.get("maxrss").asLong() > 1000, self.toString());
        assertTrue(broker.ok("module", "stats", "-Rthread", "--parse", "utime", "kvs").matches("\\d+(\\.\\d+)?(e-?\\d+)?\n"));
        assertTrue(Json.parse(broker.ok("module", "stats", "--rusage=children", "kvs"), "children").has("utime"));
        FluxCli.Result r = broker.flux("module", "stats", "-Rbogus", "kvs");
        assertEquals(new FluxCli.Result(1, "", "flux-module: kvs.rusage: bogus is unsupported\n"), r);
        // the counts of every module of that name go back to zero: the next stats-get is the one request seen
        broker.ok("module", "stats", "connector-local");
        broker.ok("module", "stats", "-C", "connector-local");
        String after = "";
        for (int i = 0; i < 100 && !after.equals("1\n"); i++) {
            after = broker.ok("module", "stats", "--parse", "rx.request", "connector-local");
        }
        assertEquals("1\n", after, "the event reached the module and cleared its counts");
    }

    @Test
    void hostlistInstanceIsTheBrokersHostlist() {
        String hosts = broker.ok("getattr", "hostlist");
        assertEquals(hosts, broker.ok("hostlist", "instance"));
        assertEquals(hosts, broker.ok("hostlist", "-l"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"op\":\"setbit\"}", "{\"flags\":1}", "{\"op\":\"bogus\",\"flags\":1}",
        "{\"op\":\"set\",\"flags\":\"x\"}", "{\"op\":7,\"flags\":1}"})
    void malformedDebugRequestsAreRefusedWithEproto(String payload) throws Exception {
        try (Handle h = Handle.open(broker.uri())) {
            FluxException e = assertThrows(FluxException.class, () -> h.rpcGet("kvs.debug", Json.parse(payload, "payload")));
            assertTrue(e.is(Errno.EPROTO), e.getMessage());
            assertEquals("0x0\n", broker.ok("module", "debug", "kvs"), "flags unchanged");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"cleanup\"}", "{\"name\":\"cleanup\",\"commands\":[]}",
        "{\"name\":\"cleanup\",\"commands\":[\"\"]}", "{\"name\":\"cleanup\",\"commands\":[\"true\",3]}",
        "{\"name\":1,\"commands\":[\"true\"]}", "{\"name\":\"cleanup\",\"commands\":\"true\"}"})
    void malformedRunatPushesAreRefusedWithEproto(String payload) throws Exception {
        try (Handle h = Handle.open(broker.uri())) {
            FluxException e = assertThrows(FluxException.class, () -> h.rpcGet("runat.push", Json.parse(payload, "payload")));
            assertTrue(e.is(Errno.EPROTO), e.getMessage());
        }
    }

    @Test
    void loadByNameFromTheModulePathAndReload() {
        removeQuietly();
        broker.ok("module", "load", "testmod");
        FluxCli.Result r = broker.flux("module", "load", "testmod");
        assertEquals(1, r.status());
        assertEquals("flux-module: load testmod: testmod is already loaded\n", r.err());
        broker.ok("module", "reload", "testmod", "again");
        assertTrue(broker.ok("ping", "-c", "1", "testmod").contains("testmod.ping"));
        broker.ok("module", "remove", "testmod");
        r = broker.flux("module", "remove", "testmod");
        assertEquals("flux-module: remove testmod: No such file or directory\n", r.err());
        broker.ok("module", "remove", "-f", "testmod");
    }

    @Test
    void aModuleThatThrowsAtStartIsReportedAndTheBrokerGoesOn() {
        removeQuietly();
        FluxCli.Result r = broker.flux("module", "load", JAR, "fail");
        assertEquals(1, r.status());
        assertEquals("flux-module: load " + JAR + ": told to fail\n", r.err());
        assertTrue(broker.ok("dmesg").contains("module testmod failed to start: told to fail"));
        assertTrue(broker.ok("module", "list").lines().noneMatch(l -> l.startsWith("testmod ")));
        assertEquals("0\n", broker.ok("getattr", "rank"));
        broker.ok("module", "load", JAR); // and the same bundle loads fine afterwards
        broker.ok("module", "remove", "testmod");
    }

    @Test
    void unknownModule() {
        FluxCli.Result r = broker.flux("module", "load", "nosuchmodule");
        assertEquals(1, r.status());
        assertEquals("flux-module: load nosuchmodule: module not found\n", r.err());
    }

    @Test
    void builtinHeartbeatRemovedAndLoaded() {
        broker.ok("module", "remove", "heartbeat");
        FluxCli.Result r = broker.flux("module", "stats", "heartbeat");
        assertEquals("flux-module: heartbeat.stats-get: No service matching heartbeat.stats-get is registered\n", r.err());
        broker.ok("module", "load", "heartbeat");
        assertTrue(broker.ok("module", "stats", "heartbeat").contains("\"period\":2.0"));
    }

    @Test
    void reloadAndRemoveWhileRequestsAreInFlight() throws Exception {
        removeQuietly();
        broker.ok("module", "load", "testmod");
        // a client sending request after request while the module is swapped
        ProcessBuilder pb = new ProcessBuilder(FluxCli.command("ping", "--count=1500", "--interval=0", "testmod"));
        pb.environment().put("FLUX_URI", broker.uri());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = Files.createTempFile("ping", ".err");
        pb.redirectError(err.toFile());
        Process ping = pb.start();
        try {
            broker.ok("module", "reload", "testmod");
            broker.ok("module", "remove", "testmod");
            broker.ok("module", "load", "testmod");
            // every request is answered, by the module or with ENOSYS while it was away: none hangs
            assertTrue(ping.waitFor(120, TimeUnit.SECONDS), "flux ping still waiting for answers");
            String text = Files.readString(err);
            assertTrue(ping.exitValue() == 0 || text.contains("testmod.ping: Function not implemented"), text);
        } finally {
            ping.destroyForcibly();
            Files.deleteIfExists(err);
        }
        assertTrue(broker.ok("ping", "-c", "3", "testmod").contains("testmod.ping"));
        broker.ok("module", "remove", "testmod");
    }
}
