package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.StreamFraming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that would stall or exhaust a broker (issue 10): one that sends and never reads, a
 * {@code flux dmesg -f} suspended while the log grows, more connections than the limit, and
 * the broker's descriptor limit reached. After each the broker serves {@code flux ping}, and a
 * key acknowledged before the probe reads back after a restart on the same statedir.
 */
class ConnectorLimitsIT {
    private static final String LIMITS = "[connector-local]\nmax-connections = 1000\nmax-send-queue = \"1M\"\n";

    @TempDir
    Path statedir;

    /** An instance on this test's statedir, with a key written before the probe. */
    private TestInstance instance(List<String> wrapper) throws IOException {
        TestInstance in = new TestInstance(wrapper, 1, List.of("--conf", LIMITS, "-Sstatedir=" + statedir));
        in.ok("kvs", "put", "before=acknowledged");
        return in;
    }

    /** After the probe: the instance answers, exits, and a new one on its statedir reads the key back. */
    private void answersAndKeepsWhatItAcknowledged(TestInstance in) throws IOException {
        TestInstance.await(() -> in.flux("ping", "--count=1", "broker").status() == 0, "ping after the probe");
        assertEquals(0, in.finish());
        try (TestInstance again = new TestInstance(1, "-Sstatedir=" + statedir)) {
            assertEquals("acknowledged\n", again.ok("kvs", "get", "before"));
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedWhileOthersAreServed() throws Exception {
        try (TestInstance in = instance(List.of());
                SocketChannel deaf = connect(in.uri())) {
            assertEquals(0, handshake(deaf));
            String pad = "x".repeat(32 * 1024);
            try {
                for (int i = 0; i < 400; i++) { // 12 MiB of echoes it never reads
                    write(deaf, Message.request("kvs.ping").matchtag(i + 1)
                            .payloadJson(Json.parse("{\"pad\":\"" + pad + "\"}", "pad")).build());
                }
            } catch (IOException e) {
                // the broker hung up on it before it sent them all
            }
            in.ok("ping", "--count=1", "kvs");
            awaitLogged(in, "exceed connector-local.max-send-queue=1048576");
            drainToEnd(deaf); // then the broker hangs up on it
            answersAndKeepsWhatItAcknowledged(in);
        }
    }

    @Test
    void aSuspendedDmesgFollowerIsDroppedWhileTheLogGrows() throws Exception {
        try (TestInstance in = instance(List.of())) {
            ProcessBuilder pb = new ProcessBuilder(FluxCli.command("dmesg", "--follow"))
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("FLUX_URI", in.uri());
            Process follower = pb.start();
            try {
                in.ok("logger", "before-the-stop");
                awaitLine(follower, "before-the-stop");
                signal(follower, "STOP");
                String lines = ("y".repeat(4000) + "\n").repeat(600); // 2.4 MB of log it cannot take
                FluxCli.Result r = FluxCli.runWithInput(lines, Map.of("FLUX_URI", in.uri()), "logger");
                assertEquals(0, r.status(), r.err());
                in.ok("ping", "--count=1", "broker");
                awaitLogged(in, "exceed connector-local.max-send-queue");
            } finally {
                signal(follower, "CONT");
                follower.destroy();
                follower.waitFor();
            }
            answersAndKeepsWhatItAcknowledged(in);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndNoThreadIsAddedPerConnection() throws Exception {
        try (TestInstance in = instance(List.of())) {
            long pid = Long.parseLong(in.ok("getattr", "broker.pid").strip());
            int threadsBefore = status(pid, "Threads");
            int rssBefore = status(pid, "VmRSS");
            List<SocketChannel> held = new ArrayList<>();
            int admitted = 0;
            int refused = 0;
            try {
                for (int i = 0; i < 2000; i++) {
                    SocketChannel ch = connect(in.uri());
                    held.add(ch);
                    int status = handshake(ch);
                    if (status == 0) {
                        admitted++;
                    } else {
                        assertEquals(Errno.EUSERS.number(), status);
                        refused++;
                    }
                }
                assertEquals(1000, admitted);
                assertEquals(1000, refused);
                int threadsDuring = status(pid, "Threads");
                assertTrue(threadsDuring - threadsBefore < 10,
                        "threads before " + threadsBefore + ", with 1000 clients " + threadsDuring);
                int rssDuring = status(pid, "VmRSS");
                assertTrue(rssDuring - rssBefore < 50 * 1024, // the bound: 1,000 idle clients under 50 MB
                        "RSS before " + rssBefore + " kB, with 1000 clients " + rssDuring + " kB");
            } finally {
                for (SocketChannel ch : held) {
                    ch.close();
                }
            }
            awaitLogged(in, "1000 clients connected, the limit (connector-local.max-connections)");
            answersAndKeepsWhatItAcknowledged(in);
        }
    }

    /**
     * The broker runs under a descriptor limit of 400 (prlimit); connections are opened until
     * its accept fails with EMFILE (its descriptors all used, a connection waiting unaccepted),
     * then some are closed: the waiting one is admitted and the broker serves again.
     */
    @Test
    void theAcceptLoopSurvivesDescriptorExhaustion() throws Exception {
        int limit = 400;
        try (TestInstance in = instance(List.of("prlimit", "--nofile=" + limit + ":" + limit, "--"))) {
            long pid = Long.parseLong(in.ok("getattr", "broker.pid").strip());
            List<SocketChannel> held = new ArrayList<>();
            try {
                while (descriptors(pid) < limit) {
                    assertTrue(held.size() < limit, "the broker accepted " + held.size() + " connections");
                    SocketChannel ch = connect(in.uri());
                    held.add(ch);
                    ch.configureBlocking(false);
                    ByteBuffer b = ByteBuffer.allocate(1);
                    TestInstance.await(() -> read(ch, b) != 0 || descriptors(pid) >= limit,
                            "a handshake or the descriptor limit");
                }
                SocketChannel waiting = connect(in.uri()); // no descriptor is free to accept it
                waiting.configureBlocking(false);
                held.add(waiting);
                for (SocketChannel ch : held.subList(0, 50)) {
                    ch.close();
                }
                ByteBuffer b = ByteBuffer.allocate(1);
                SocketChannel last = waiting;
                TestInstance.await(() -> read(last, b) != 0, "the waiting connection's handshake");
                assertEquals(0, b.get(0), "admitted once descriptors came free");
            } finally {
                for (SocketChannel ch : held) {
                    ch.close();
                }
            }
            awaitLogged(in, "accept: Too many open files; retrying");
            awaitLogged(in, "accepting connections again");
            answersAndKeepsWhatItAcknowledged(in);
        }
    }

    private static SocketChannel connect(String uri) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(Path.of(uri.substring("local://".length()))));
        return ch;
    }

    private static int handshake(SocketChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        return ch.read(b) == 1 ? b.get(0) : -1;
    }

    private static int read(SocketChannel ch, ByteBuffer b) {
        try {
            return ch.read(b);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void write(SocketChannel ch, Message m) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(StreamFraming.frame(m));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads and discards until the broker closes the socket (bounded by WAIT_SECONDS). */
    private static void drainToEnd(SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestInstance.WAIT_SECONDS);
        try (Selector s = Selector.open()) {
            ch.register(s, SelectionKey.OP_READ);
            while (System.nanoTime() - deadline < 0) {
                s.select(1000);
                b.clear();
                if (read(ch, b) < 0) {
                    return;
                }
            }
        }
        throw new AssertionError("the broker did not hang up on a client that never reads");
    }

    private static void awaitLine(Process p, String text) throws IOException {
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("flux dmesg --follow ended before " + text);
    }

    /** Errors are on the instance's stderr; notices in its ring buffer (a flux dmesg there is a client too). */
    private static void awaitLogged(TestInstance in, String text) {
        TestInstance.await(() -> in.stderr().contains(text) || in.flux("dmesg").out().contains(text),
                "the log to say: " + text);
    }

    private static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start().waitFor();
    }

    /** A number of /proc/PID/status: Threads, or VmRSS in kB. */
    private static int status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Integer.parseInt(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + field + ": line for " + pid);
    }

    private static int descriptors(long pid) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
