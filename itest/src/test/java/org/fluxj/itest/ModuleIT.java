package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        assertEquals("flux-ping: testmod.ping: No service matching testmod.ping is registered\n", r.err(), "ENOSYS once removed");
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
        assertTrue(broker.ok("module", "stats", "heartbeat").contains("\"tx\""));
    }
}
