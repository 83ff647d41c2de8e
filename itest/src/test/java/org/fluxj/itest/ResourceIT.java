package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource module and {@code flux resource} on a size-2 test instance (issue 11 item 4):
 * R probed from this host for both ranks, drain with a reason shown by status, list and drain,
 * undrain, drains kept across a restart on the same statedir, and bad targets refused in one line.
 */
class ResourceIT {

    @Test
    void listStatusDrainUndrainAndARestartKeepsTheDrain(@TempDir Path dir) throws Exception {
        Path statedir = Files.createDirectories(dir.resolve("state"));
        int cores = Runtime.getRuntime().availableProcessors();
        String host;
        try (TestInstance b = new TestInstance(2, "-Sstatedir=" + statedir)) {
            host = b.ok("getattr", "hostname").trim();
            String nodes = host + "," + host;
            assertEquals(List.of(
                    "     STATE NNODES NCORES NGPUS NODELIST",
                    String.format("      free %6d %6d %5d %s", 2, 2 * cores, 0, nodes),
                    " allocated      0      0     0 ",
                    "      down      0      0     0 "), b.ok("resource", "list").lines().toList());
            assertEquals(String.format("2 Nodes, %d Cores, 0 GPUs%n", 2 * cores), b.ok("resource", "info"));
            assertEquals(List.of("       STATEUP NNODES NODELIST", "       avail ✔      2 " + nodes),
                    b.ok("resource", "status").lines().toList());

            b.ok("resource", "drain", "1", "bad", "fan");
            List<String> status = b.ok("resource", "status").lines().toList();
            assertEquals("       avail ✔      1 " + host, status.get(1));
            assertEquals("     drained ✔      1 " + host, status.get(2));
            List<String> drained = b.ok("resource", "drain").lines().toList();
            assertEquals("TIME         STATE    REASON                         NODELIST", drained.get(0));
            assertTrue(drained.get(1).matches("[A-Z][a-z]{2}\\d\\d \\d\\d:\\d\\d  drained  bad fan {24}" + host),
                    drained.get(1));
            assertTrue(b.ok("resource", "status", "-o", "long").contains("bad fan"));
            assertTrue(b.ok("resource", "list").lines().anyMatch(l -> l.startsWith("      down      1")));

            FluxCli.Result again = b.flux("resource", "drain", "1", "other");
            assertEquals(1, again.status());
            assertEquals("flux-resource: ERROR: [Errno 17] rank 1 already drained\n"
                    + "flux-resource: INFO: Use --force to overwrite existing drain reason\n", again.err());
            b.ok("resource", "drain", "0", "restart me");
            b.ok("resource", "undrain", "0");
            assertEquals(0, b.finish());
        }
        try (TestInstance b = new TestInstance(2, "-Sstatedir=" + statedir)) {
            List<String> drained = b.ok("resource", "drain", "-n", "-o", "{ranks} {reason}").lines().toList();
            assertEquals(List.of("1 bad fan"), drained);
            String log = b.ok("kvs", "get", "resource.eventlog");
            assertTrue(log.contains("\"name\":\"resource-define\",\"context\":{\"method\":\"kvs\"}"), log);
            // every rank of a test instance is this host, so the hostname names both: --force for the undrained one
            b.ok("resource", "undrain", "--force", host);
            assertEquals(List.of("       STATEUP NNODES NODELIST", "       avail ✔      2 " + host + "," + host),
                    b.ok("resource", "status").lines().toList());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void configuredRAndExcludeAsFluxCorePrintsThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("resource.toml"), "[resource]\nnoverify = true\nexclude = \"1\"\n\n"
                + "[[resource.config]]\nhosts = \"foo[0-1]\"\ncores = \"0-3\"\n");
        try (TestInstance b = new TestInstance(2, "--config-path=" + dir)) {
            assertEquals(List.of(
                    "     STATE NNODES NCORES NGPUS NODELIST",
                    "      free      1      4     0 foo0",
                    " allocated      0      0     0 ",
                    "      down      0      0     0 "), b.ok("resource", "list").lines().toList());
            assertEquals(List.of("       STATEUP NNODES NODELIST", "       avail ✔      1 foo0",
                    "     exclude ✔      1 foo1"), b.ok("resource", "status").lines().toList());
            FluxCli.Result excluded = b.flux("resource", "drain", "1", "x");
            assertEquals(1, excluded.status());
            assertEquals("flux-resource: ERROR: [Errno 22] rank 1 excluded\n", excluded.err());
            b.ok("resource", "drain", "foo0", "y");
            assertEquals(List.of("0 y foo0"), b.ok("resource", "drain", "-n", "-o", "{ranks} {reason} {nodelist}")
                    .lines().toList());
            assertTrue(b.ok("kvs", "get", "resource.eventlog").contains("{\"method\":\"configuration\"}"));
            assertEquals(0, b.finish());
        }
    }

    @Test
    void aLostBrokerIsShownDown() throws Exception {
        try (TestInstance b = new TestInstance(2, "--test-exit-mode=leader", "--test-exit-timeout=0.5s")) {
            String host = b.ok("getattr", "hostname").trim();
            long pid = Long.parseLong(b.fluxAt(1, "getattr", "broker.pid").out().trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            TestInstance.await(() -> b.ok("resource", "status").contains("      avail* ✗      1 " + host),
                    "rank 1 shown offline");
            assertTrue(b.ok("resource", "list").lines().anyMatch(l -> l.startsWith("      down      1 ")));
            assertEquals(0, b.finish());
        }
    }

    @Test
    void badTargetsAreOneLine() throws Exception {
        try (TestInstance b = new TestInstance(2)) {
            FluxCli.Result range = b.flux("resource", "drain", "5", "x");
            assertEquals(1, range.status());
            assertEquals("flux-resource: ERROR: [Errno 22] idset is out of range\n", range.err());
            FluxCli.Result idset = b.flux("resource", "drain", "1-", "x");
            assertEquals(1, idset.status());
            assertEquals("flux-resource: ERROR: [Errno 22] invalid targets: invalid hosts: 1-\n", idset.err());
            FluxCli.Result undrain = b.flux("resource", "undrain", "0");
            assertEquals(1, undrain.status());
            assertEquals("flux-resource: ERROR: rank 0 not drained\n", undrain.err());
            FluxCli.Result state = b.flux("resource", "status", "-s", "nosuch");
            assertEquals(1, state.status());
            assertEquals("flux-resource: ERROR: Invalid resource state nosuch specified\n", state.err());
            assertEquals(0, b.finish());
        }
    }
}
