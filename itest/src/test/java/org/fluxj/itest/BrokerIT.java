package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One running size-1 instance, driven with bin/flux: attributes, log, events, ping, config. */
class BrokerIT {
    private static TestBroker broker;

    @BeforeAll
    static void start() throws IOException {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() throws IOException {
        assertEquals(0, broker.finish(), broker.stderr());
        broker.close();
    }

    @Test
    void attributesOfASingleton() {
        assertEquals("0\n", broker.ok("getattr", "rank"));
        assertEquals("1\n", broker.ok("getattr", "size"));
        assertEquals(broker.uri() + "\n", broker.ok("getattr", "local-uri"));
        String all = broker.ok("lsattr", "-v");
        assertTrue(all.contains("broker.rc1_path"), all);
        assertTrue(all.lines().anyMatch(l -> l.matches("rank {36}0")), all);
    }

    @Test
    void setattrAndItsRefusals() {
        broker.ok("setattr", "test.color", "blue");
        assertEquals("blue\n", broker.ok("getattr", "test.color"));
        FluxCli.Result r = broker.flux("getattr", "nosuch");
        assertEquals(1, r.status());
        assertEquals("flux-getattr: nosuch: No such file or directory\n", r.err());
        r = broker.flux("setattr", "rank", "3");
        assertEquals(1, r.status());
        assertEquals("flux-setattr: rank: attribute may not be updated\n", r.err());
        r = broker.flux("setattr", "frobozz", "3");
        assertEquals("flux-setattr: frobozz: unknown attribute\n", r.err());
    }

    @Test
    void loggerReachesDmesg() {
        String text = "hello-" + UUID.randomUUID();
        broker.ok("logger", "-s", "warning", "-n", "itest", text);
        String dmesg = broker.ok("dmesg");
        assertTrue(dmesg.lines().anyMatch(l -> l.endsWith("itest.warning[0]: " + text)), dmesg);
        String human = broker.ok("dmesg", "-H");
        assertTrue(human.lines().anyMatch(l -> l.startsWith("[") && l.endsWith("itest.warning[0]: " + text)), human);
    }

    @Test
    void dmesgColorsAsFluxCore() {
        String text = "colored-" + UUID.randomUUID();
        broker.ok("logger", "-s", "err", "-n", "itest", text);
        String esc = "\u001b[";
        String colored = broker.ok("dmesg", "--color=always");
        String line = colored.lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
        // green time, yellow name, red message for err, each reset
        assertTrue(line.startsWith(esc + "32m") && line.endsWith(": " + esc + "31m" + text + esc + "0m"), line);
        assertTrue(line.contains(esc + "33mitest.err[0]" + esc + "0m"), line);
        // not a terminal: auto is plain, and so is NO_COLOR with no option
        assertTrue(broker.ok("dmesg").lines().anyMatch(l -> l.endsWith("itest.err[0]: " + text)));
        assertTrue(broker.ok("dmesg", "-L", "-Lnever").lines().anyMatch(l -> l.endsWith("itest.err[0]: " + text)));
        FluxCli.Result r = broker.flux("dmesg", "--color=sometimes");
        assertEquals(1, r.status());
        assertEquals("flux-dmesg: Invalid argument to --color: 'sometimes'\n", r.err());
    }

    @Test
    void dmesgShowsTheStateMachine() {
        String dmesg = broker.ok("dmesg");
        for (String t : new String[] {"builtins-success: load-builtins->join", "parent-none: join->config-sync",
            "rc1-success: init->quorum", "quorum-full: quorum->run"}) {
            assertTrue(dmesg.contains("broker.info[0]: " + t + " "), t + " in " + dmesg);
        }
    }

    @Test
    void dmesgFollowSeesNewEntries() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(FluxCli.command("dmesg", "-f"));
        pb.environment().put("FLUX_URI", broker.uri());
        Process p = pb.start();
        try (var out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String text = "follow-" + UUID.randomUUID();
            broker.ok("logger", text); // in the backlog or followed: either way it comes
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.endsWith("logger.notice[0]: " + text));
            assertTrue(line != null, "dmesg -f printed the new entry");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void pingServicesAndRanks() {
        String out = broker.ok("ping", "-c", "2", "-i", "0", "broker");
        var lines = out.lines().toList();
        assertEquals("flux-ping any!broker", lines.get(0));
        assertTrue(lines.get(1).matches("0!broker\\.ping pad=0 seq=0 time=[0-9.]+ ms \\(\\w{8}!\\w{8}!\\w{8}\\)"),
                lines.get(1));
        assertEquals(3, lines.size());
        assertTrue(broker.ok("ping", "-c", "1", "0").contains("0!broker.ping"));
        FluxCli.Result r = broker.flux("ping", "-c", "1", "nosuch");
        assertEquals(1, r.status());
        assertEquals("flux-ping: nosuch.ping: Function not implemented\n", r.err()); // strerror, as flux-ping
        r = broker.flux("ping", "-c", "1", "5");
        assertEquals("flux-ping: 5!broker.ping: No route to host\n", r.err());
    }

    @Test
    void eventsPublishedAndReceived() {
        assertTrue(broker.ok("event", "pub", "-s", "-l", "itest.ev", "{\"a\":1}").matches("seq=\\d+\n"));
        FluxCli.Result r = broker.flux("event", "pub", "itest.ev", "{not json");
        assertEquals(1, r.status());
        assertEquals("flux-event: payload is not valid JSON\n", r.err());
    }

    @Test
    void uptimeAndConfig() {
        assertTrue(broker.ok("uptime").matches(" \\d\\d:\\d\\d:\\d\\d run \\S+,  owner \\S+,  depth 0,  size 1\n"));
        assertEquals("{}\n", broker.ok("config", "get"));
        FluxCli.Result r = broker.flux("config", "get", "nope");
        assertEquals("flux-config: nope is not set\n", r.err());
    }

    @Test
    void malformedFramesAreRefusedAndLogged() throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(broker.socket()));
            ByteBuffer hello = ByteBuffer.allocate(1);
            ch.read(hello);
            assertEquals(0, hello.get(0), "handshake: accepted");
            ch.write(ByteBuffer.wrap("this is not a flux message".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer rest = ByteBuffer.allocate(64);
            assertEquals(-1, ch.read(rest), "the broker closes the connection");
        }
        assertTrue(broker.ok("dmesg").contains("refused malformed message: message: stream frame: bad magic"));
        assertEquals("0\n", broker.ok("getattr", "rank"), "the broker goes on serving");
    }

    @Test
    void noBrokerIsOneLine() {
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("FLUX_URI", "local:///nonexistent/local-0"),
                "getattr", "rank");
        assertEquals(1, r.status());
        assertEquals("flux-getattr: cannot connect to local:///nonexistent/local-0: No such file or directory\n",
                r.err());
    }

    @Test
    void moduleListHasFluxCoreColumns() {
        var lines = broker.ok("module", "list").lines().toList();
        assertEquals("Module                    Idle  S Sendq Recvq Service", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("connector-local +\\d+  R     0     0 ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("heartbeat ")), lines.toString());
    }

}
