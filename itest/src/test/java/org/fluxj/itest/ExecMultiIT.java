package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * flux exec across the ranks of instances of 2 and 4 brokers ({@code flux start --test-size}),
 * as flux-core's t0005-exec.t: every rank runs the command, output labelled by rank, stdin
 * broadcast, exit codes gathered, signals forwarded to every rank, flux sproc on another rank,
 * and a rank whose broker died (EHOSTUNREACH, 68).
 */
class ExecMultiIT {
    private static final String FLUX = FluxCli.root().resolve("bin/flux").toString();

    private static List<String> sorted(String out) {
        return out.lines().sorted().collect(Collectors.toList());
    }

    private static List<String> each(int size, IntFunction<String> line) {
        return IntStream.range(0, size).mapToObj(line).sorted().collect(Collectors.toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void everyRank(int size) throws Exception {
        try (TestInstance broker = new TestInstance(size)) {
            FluxCli.Result r = broker.flux("exec", "-n", "-l", FLUX, "getattr", "rank");
            assertEquals(0, r.status(), r.err());
            assertEquals(each(size, i -> i + ": " + i), sorted(r.out()), "each rank's own broker");

            r = broker.flux("exec", "-n", "-l", "-r", "1", FLUX, "getattr", "rank");
            assertEquals("1: 1\n", r.out());
            r = broker.flux("exec", "-n", "-x", "0", FLUX, "getattr", "rank");
            assertEquals(each(size - 1, i -> Integer.toString(i + 1)), sorted(r.out()));

            // several lines per rank: each line carries its rank, none is cut or merged
            r = broker.flux("exec", "-n", "-l", "sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done");
            List<String> lines = r.out().lines().collect(Collectors.toList());
            assertEquals(5 * size, lines.size(), r.out());
            for (int rank = 0; rank < size; rank++) {
                String p = rank + ": ";
                assertEquals(List.of(p + "line1", p + "line2", p + "line3", p + "line4", p + "line5"),
                        lines.stream().filter(l -> l.startsWith(p)).collect(Collectors.toList()), "in order per rank");
            }

            r = FluxCli.runWithInput("Hello\n", Map.of("FLUX_URI", broker.uri()), "exec", "-l", "cat");
            assertEquals(each(size, i -> i + ": Hello"), sorted(r.out()), "stdin to every rank");

            r = broker.flux("exec", "-n", "sh", "-c", "test $(" + FLUX + " getattr rank) -eq 0 || exit 3");
            assertEquals(3, r.status());
            assertEquals(size == 2 ? "1: Exit 3\n" : "[1-3]: Exit 3\n", r.err());
            r = broker.flux("exec", "-n", "sh", "-c", "exit $(" + FLUX + " getattr rank)");
            assertEquals(size - 1, r.status(), "the largest exit code");

            r = broker.flux("exec", "-n", "-r", Integer.toString(size), "true");
            assertEquals("flux-exec: One or more invalid --ranks specified: " + size + "\n", r.err());
            assertEquals(0, broker.finish(), broker.stderr());
        }
    }

    @Test
    void signalsAndSprocAcrossRanks() throws Exception {
        try (TestInstance broker = new TestInstance(4)) {
            try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-n", "-l", "sh", "-c",
                    "echo ready; exec sleep 300")) {
                for (int rank = 0; rank < 4; rank++) {
                    f.awaitOut((rank + ": ready")::equals);
                }
                f.signal("TERM");
                assertEquals(143, f.waitFor());
                assertEquals(List.of("[0-3]: Terminated"), f.err());
            }

            // flux exec killed outright: each rank's server is told its client is gone, and kills
            try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-n", "-l", "--label=orphan", "sh", "-c",
                    "echo ready; exec sleep 300")) {
                for (int rank = 0; rank < 4; rank++) {
                    f.awaitOut((rank + ": ready")::equals);
                }
            }
            for (int rank = 0; rank < 4; rank++) {
                awaitGone(broker, rank, "orphan");
            }

            FluxCli.Result r = broker.flux("exec", "-r", "1", "--bg", "--waitable", "--label=on-rank1", "sleep", "300");
            assertTrue(r.out().matches("1: \\d+\n"), r.out());
            String pid = r.out().substring(3).strip();
            assertTrue(broker.ok("sproc", "ps", "-r", "1", "-n", "-o", "{rank} {pid} {label}")
                    .contains("1 " + pid + " on-rank1\n"));
            assertTrue(broker.ok("sproc", "ps", "-n", "-o", "{label}").lines().noneMatch("on-rank1"::equals),
                    "not on rank 0");
            assertEquals(143, broker.flux("sproc", "kill", "-r", "1", "-w", "15", "on-rank1").status());
            r = broker.flux("sproc", "ps", "-r", "9");
            assertEquals(1, r.status());
            assertEquals(0, broker.finish(), broker.stderr());
        }
    }

    @Test
    void aRankWhoseBrokerDiedIsUnreachable() throws Exception {
        try (TestInstance broker = new TestInstance(4)) {
            String ppid = broker.ok("exec", "-n", "-r", "3", "sh", "-c", "echo $PPID").strip();
            Process k = new ProcessBuilder("kill", "-9", ppid).inheritIO().start();
            assertEquals(0, k.waitFor());
            awaitLost(broker);
            FluxCli.Result r = broker.flux("exec", "-n", "-r", "3", "true");
            assertEquals(68, r.status(), r.err());
            assertEquals("flux-exec: Error: rank 3: true: No route to host\n", r.err());
            r = broker.flux("exec", "-n", "-l", "echo", "hi");
            assertEquals(68, r.status());
            assertEquals(List.of("0: hi", "1: hi", "2: hi"), sorted(r.out()), "the other ranks run");
        }
    }

    /** Until the label is gone from the rank (flux sproc ps, polled). */
    private static void awaitGone(TestInstance broker, int rank, String label) {
        TestInstance.await(() -> broker.ok("sproc", "ps", "-r", Integer.toString(rank), "-n", "-o", "{label}")
                .lines().noneMatch(label::equals), label + " gone from rank " + rank);
    }

    /** Until rank 3 shows as lost in flux overlay status (polled). */
    private static void awaitLost(TestInstance broker) {
        TestInstance.await(() -> broker.flux("overlay", "status", "--timeout=0").out().lines()
                .anyMatch(l -> l.contains("3 ") && l.contains("lost")), "rank 3 lost");
    }
}
