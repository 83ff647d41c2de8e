package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child broker killed with SIGKILL: its parent marks it lost at once, {@code flux overlay status} shows
 * it lost (and the ranks behind it as lost ghosts), requests in flight to it fail with EHOSTUNREACH instead
 * of hanging, new ones fail at once, and the rest of the instance goes on and exits normally.
 */
class BrokerLossIT {

    @Test
    void childKilledShowsLostAndItsRequestsFail() throws Exception {
        // kary:2 over 4: 0 -> 1, 2; 1 -> 3. Kill 1: 3 is cut off behind it.
        // rank 3, cut off, outlives the leader as in flux-core: flux start kills it after the exit timeout
        try (TestInstance in = new TestInstance(4, "--test-exit-mode=leader", "--test-exit-timeout=0.5s",
                "-o,-Stbon.fanout=2");
                Handle h = Handle.open(in.uri())) {
            long pid = Long.parseLong(attr(h, 1, "broker.pid"));
            // a request in flight to rank 1 that would not be answered until it exits
            ObjectNode wait = Json.object().put("state", "exit");
            CompletableFuture<Message> inflight = h.rpc("state-machine.wait", wait, 1);
            CompletableFuture<Message> behind = h.rpc("state-machine.wait", wait, 3);
            // both are pending: the brokers answer a ping meanwhile
            assertEquals("1", h.rpcGetJson("broker.ping", Json.object(), 1).path("rank").asText());
            assertTrue(!inflight.isDone() && !behind.isDone());

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            assertFailsWith(Errno.EHOSTUNREACH, inflight);
            assertFailsWith(Errno.EHOSTUNREACH, behind);
            String host = in.ok("getattr", "hostname").strip();
            TestInstance.await(() -> in.ok("overlay", "status", "--timeout=0", "--color=never").contains("1 " + host + ": lost"),
                    "rank 1 shown lost");
            assertEquals("0 " + host + ": degraded\n"
                    + "├─ 1 " + host + ": lost lost connection\n"
                    + "│  └─ 3 " + host + ": lost\n"
                    + "└─ 2 " + host + ": full\n", in.ok("overlay", "status", "--timeout=0", "--color=never"));
            assertEquals(host + ": lost connection\n" + host + ": lost parent\n", in.ok("overlay", "errors"));
            // new requests fail at once; the rest goes on
            FluxCli.Result ping = in.flux("ping", "--count=1", "1");
            assertEquals(1, ping.status());
            assertTrue(ping.err().contains("No route to host"), ping.err());
            in.ok("ping", "--count=1", "2");
            InstanceSizesIT.eventReachesEveryRankOf(in, 0, 2);
            assertTrue(in.ok("dmesg").contains("dead to Flux"), "the loss is logged");
            assertEquals(0, in.finish());
            assertTrue(in.stderr().contains("flux-start: 1 (pid " + pid + ") Killed"), in.stderr());
            assertTrue(in.stderr().contains("flux-start: Exit timeout: killed rank 3"), in.stderr());
        }
    }

    /**
     * A child that hears no heartbeat for [heartbeat] timeout asks its overlay to drop the parent
     * (overlay.disconnect-parent) and exits, as flux-core's does; its parent marks it lost.
     */
    @Test
    void heartbeatTimeoutDisconnectsTheChild(@TempDir Path conf) throws Exception {
        Files.writeString(conf.resolve("hb.toml"), "[heartbeat]\nperiod = \"0.2s\"\ntimeout = \"1s\"\n");
        try (TestInstance in = new TestInstance(2, "--config-path=" + conf)) {
            in.ok("module", "remove", "heartbeat"); // rank 0 stops publishing heartbeat.pulse
            TestInstance.await(() -> in.flux("overlay", "status", "--timeout=0", "--color=never").out().contains(": lost"),
                    "rank 1 lost");
            TestInstance.await(() -> in.stderr().contains("overlay.crit[1]: disconnecting: no heartbeat for 1s"),
                    "rank 1 to say why it left");
            in.finish();
        }
    }

    static String attr(Handle h, int rank, String name) throws Exception {
        return h.rpcGetJson("attr.get", Json.object().put("name", name), rank).path("value").asText();
    }

    private static void assertFailsWith(Errno errno, CompletableFuture<Message> f) throws Exception {
        try {
            f.get(TestInstance.WAIT_SECONDS, TimeUnit.SECONDS);
            fail("request succeeded");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof FluxException, e.toString());
            assertEquals(errno.number(), ((FluxException) e.getCause()).errnum(), e.getCause().getMessage());
        }
    }
}
