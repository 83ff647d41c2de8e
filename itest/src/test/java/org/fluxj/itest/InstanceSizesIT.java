package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instances of 1, 2, 4 and 8 brokers started with {@code flux start --test-size=N} (PMI bootstrap) and
 * driven with bin/flux: the size, the overlay tree as {@code flux overlay status} draws it, a ping to
 * every rank, an event seen on every rank, the initial program's exit status.
 */
class InstanceSizesIT {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void everyRankIsUpReachableAndHearsEvents(int size) throws Exception {
        try (TestInstance in = new TestInstance(size, "-o,-Stbon.fanout=2")) {
            assertEquals(Integer.toString(size), in.ok("getattr", "size").strip());
            assertEquals("simple", in.ok("getattr", "broker.boot-method").strip());
            // the tree: a line per rank, all full, drawn as flux-core draws a binary tree
            String host = in.ok("getattr", "hostname").strip();
            assertEquals(expectedTree(size, host), in.ok("overlay", "status", "--timeout=0", "--color=never"));
            assertEquals("full\n", in.ok("overlay", "status", "--timeout=0", "--summary"));
            // every rank answers a ping, from rank 0 and from the deepest rank
            for (int r = 0; r < size; r++) {
                String out = in.ok("ping", "--count=1", Integer.toString(r));
                assertTrue(out.contains(r + "!broker.ping pad=0 seq=0 time="), out);
                FluxCli.Result up = in.fluxAt(size - 1, "ping", "--count=1", Integer.toString(r));
                assertEquals(0, up.status(), up.err());
            }
            // an event published on the last rank reaches a subscriber on every rank
            eventReachesEveryRank(in);
            assertTrue(in.ok("uptime").contains("size " + size), "uptime names the size");
            assertEquals(0, in.finish());
        }
    }

    /** flux-core's drawing of kary:2 for {@code size} ranks, all full, one host. */
    static String expectedTree(int size, String host) {
        StringBuilder sb = new StringBuilder();
        draw(sb, 0, size, host, "", "", true);
        return sb.toString();
    }

    private static void draw(StringBuilder sb, int rank, int size, String host, String indent, String conn,
            boolean root) {
        sb.append(indent).append(conn).append(rank).append(' ').append(host).append(": full\n");
        List<Integer> kids = new ArrayList<>();
        for (int c = 2 * rank + 1; c <= 2 * rank + 2 && c < size; c++) {
            kids.add(c);
        }
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            String childIndent = root ? "" : indent + (conn.equals("├─ ") ? "│  " : "   ");
            draw(sb, kids.get(i), size, host, childIndent, last ? "└─ " : "├─ ", false);
        }
    }

    @Test
    void drawingOfTheSeedTree() {
        // the shape of seed 001's example (15 ranks, kary:2), status aside
        String t = expectedTree(15, "h");
        assertTrue(t.startsWith("0 h: full\n├─ 1 h: full\n│  ├─ 3 h: full\n│  │  ├─ 7 h: full\n"), t);
        assertTrue(t.endsWith("   └─ 6 h: full\n      ├─ 13 h: full\n      └─ 14 h: full\n"), t);
    }

    /** Subscribers on every rank ({@code flux event sub --count=1}); publishes until each has seen one. */
    static void eventReachesEveryRank(TestInstance in) throws IOException, InterruptedException {
        int[] all = new int[in.size()];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
        }
        eventReachesEveryRankOf(in, all);
    }

    /** Subscribers on the given ranks; the event is published on the last of them. */
    static void eventReachesEveryRankOf(TestInstance in, int... ranks) throws IOException, InterruptedException {
        List<Process> subs = new ArrayList<>();
        try {
            for (int r : ranks) {
                ProcessBuilder pb = new ProcessBuilder(FluxCli.command("event", "sub", "--count=1", "itest.hello"));
                pb.environment().put("FLUX_URI", in.uri(r));
                pb.redirectErrorStream(true);
                subs.add(pb.start());
            }
            TestInstance.await(() -> {
                FluxCli.Result pub = FluxCli.runWithInput(null, Map.of("FLUX_URI", in.uri(ranks[ranks.length - 1])), "event",
                        "pub", "itest.hello");
                assertEquals(0, pub.status(), pub.err());
                return subs.stream().noneMatch(Process::isAlive);
            }, "every rank's subscriber to see the event");
            for (Process p : subs) {
                String out = new String(p.getInputStream().readAllBytes());
                assertEquals(0, p.waitFor(), out);
                assertTrue(out.startsWith("itest.hello"), out);
            }
        } finally {
            subs.forEach(Process::destroyForcibly);
        }
    }
}
