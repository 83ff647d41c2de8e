package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four brokers in a binary tree (0 above 1 and 2, 1 above 3), fake hosts node[0-3]: a
 * configuration change on rank 0 reaches every level, followers refuse changes, and flux ping
 * reaches ranks by number and by host name, padded and batched.
 */
class PingConfigMultiIT {
    static TestInstance in;

    @BeforeAll
    static void start() throws IOException {
        in = new TestInstance(4, "-Stbon.topo=kary:2", "--test-hosts=node[0-3]", "--config-path=/dev/null");
    }

    @AfterAll
    static void stop() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    @Test
    void aChangeOnRankZeroReachesEveryLevel() {
        in.ok("config", "set", "--type=string", "foo", "bar");
        for (int rank = 1; rank < 4; rank++) {
            int r = rank;
            TestInstance.await(() -> in.fluxAt(r, "config", "get", "foo").out().equals("bar\n"), "rank " + r);
        }
        FluxCli.Result r = in.fluxAt(1, "config", "set", "--type=string", "foo", "baz");
        assertEquals("flux-config: Error updating config object: configuration can only be changed on rank 0\n",
                r.err());
        r = in.fluxAt(3, "config", "reload");
        assertEquals("flux-config: reload: configuration can only be changed on rank 0\n", r.err());
        assertEquals(0, in.fluxAt(3, "config", "reload", "--follower-noop").status());
        in.ok("config", "unset", "foo");
        TestInstance.await(() -> in.fluxAt(3, "config", "get", "foo").status() == 1, "unset at rank 3");
    }

    @Test
    void pingByRankHostPaddedAndBatched() {
        List<String> lines = in.ok("ping", "--pad", "1M", "--count", "3", "--interval", "0", "3").lines().toList();
        assertEquals("flux-ping 3!broker", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).matches("3!broker\\.ping pad=1048576 seq=2 time=[0-9.]+ ms \\(\\w{8}(!\\w{8})+\\)"),
                lines.get(3));
        FluxCli.Result up = in.fluxAt(3, "ping", "--pad=10K", "-c", "5", "--batch", "-i", "0", "upstream");
        assertEquals(0, up.status(), up.err());
        lines = up.out().lines().toList();
        assertEquals(6, lines.size());
        assertEquals("flux-ping upstream!broker", lines.get(0));
        assertTrue(lines.get(5).startsWith("1!broker.ping pad=10240 seq=4 "), lines.get(5));
        assertEquals("flux-ping node2!broker (rank 2)", in.ok("ping", "-c", "1", "node2").lines().findFirst().orElse(""));
        assertTrue(in.ok("ping", "-c", "1", "node3!broker").startsWith("flux-ping node3!broker (rank 3)\n3!broker.ping"));
    }

    @Test
    void pingRefusals() {
        FluxCli.Result r = in.flux("ping", "--count=1", "notmyhost!broker");
        assertEquals(new FluxCli.Result(1, "", "flux-ping: invalid nodeid/host: 'notmyhost'\n"), r);
        r = in.flux("ping", "-c", "1", "--rank", "1", "2!broker");
        assertEquals("flux-ping: --rank and TARGET both try to specify a nodeid\n", r.err());
        r = in.flux("ping", "-c", "1", "9");
        assertEquals("flux-ping 9!broker\n", r.out());
        assertEquals("flux-ping: 9!broker.ping: No route to host\n", r.err());
        r = in.flux("ping", "--pad", "nope", "0");
        assertEquals(1, r.status());
        r = in.flux("ping", "--batch", "0");
        assertEquals("flux-ping: --batch should only be used with --count\n", r.err());
        r = in.flux("ping", "--help");
        assertEquals(0, r.status());
        assertTrue(r.err().startsWith("Usage: flux-ping [OPTIONS] TARGET\n"), r.err());
        r = in.fluxAt(0, "ping", "-c", "1", "upstream");
        assertEquals("flux-ping: upstream!broker.ping: No route to host\n", r.err());
    }
}
