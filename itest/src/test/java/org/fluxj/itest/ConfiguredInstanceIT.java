package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured instance ({@code [bootstrap]} hosts and a {@code flux keygen} certificate) started with
 * {@code flux start --test-hosts}: brokers find their rank by host name and share one certificate. A broker
 * holding another certificate cannot join; a broker with the right one can; bytes that are not ZMTP sent
 * to the overlay port are refused and logged and the broker goes on serving.
 */
class ConfiguredInstanceIT {
    @TempDir
    Path tmp;

    @Test
    void peerWithoutTheCertificateCannotJoinAndGarbageIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path good = config("good", port);
        Path bad = config("bad", port);
        // rank 1 is not started by flux start: the test starts it (or an impostor) itself
        try (TestInstance in = new TestInstance(2, List.of("--test-hosts=fake[0-1]", "--test-start-mode=leader",
                "-Sbroker.quorum=1", "--config-path=" + good), Map.of())) {
            assertEquals("config", in.ok("getattr", "broker.boot-method").strip());
            assertEquals("fake[0-1]", in.ok("getattr", "hostlist").strip());
            assertEquals("0 fake0: partial\n└─ 1 fake1: offline\n", in.ok("overlay", "status", "--timeout=0", "--color=never"));

            // an impostor with another certificate: its CURVE handshake fails, it never joins
            Path log = tmp.resolve("impostor.log");
            Process impostor = broker(in, bad, "fake1", log);
            try {
                TestInstance.await(() -> read(log).contains("overlay.debug[1]: parent sockevent"),
                        "the impostor to try");
                TestInstance.await(() -> failures(in) >= 1, "the failed handshake logged");
                assertEquals("0 fake0: partial\n└─ 1 fake1: offline\n", in.ok("overlay", "status", "--timeout=0", "--color=never"));
            } finally {
                impostor.destroyForcibly().waitFor();
            }

            // garbage to the overlay port: refused, logged, and rank 0 goes on
            long before = sockevents(in, "DISCONNECTED");
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\nnot zmtp at all".getBytes());
                s.getOutputStream().flush();
                s.getInputStream().read(new byte[64]); // until the broker hangs up
            }
            TestInstance.await(() -> sockevents(in, "DISCONNECTED") > before, "the refusal logged");
            in.ok("ping", "--count=1", "0");

            // the real rank 1 joins
            Process real = broker(in, good, "fake1", tmp.resolve("real.log"));
            try {
                TestInstance.await(() -> in.ok("overlay", "status", "--timeout=0", "--summary").equals("full\n"), "rank 1 joins");
                assertTrue(in.ok("ping", "--count=1", "1").contains("1!broker.ping"));
            } finally {
                assertEquals(0, in.finish());
                assertEquals(0, real.waitFor());
            }
        }
    }

    /** A config directory with a [bootstrap] for fake0 and fake1 and its own certificate. */
    private Path config(String name, int port) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path cert = dir.resolve("curve.cert");
        FluxCli.Result kg = FluxCli.run("keygen", cert.toString());
        assertEquals(0, kg.status(), kg.err());
        Files.writeString(dir.resolve("bootstrap.toml"), """
                [bootstrap]
                curve_cert = "%s"
                default_port = %d
                default_bind = "tcp://127.0.0.1:%%p"
                default_connect = "tcp://127.0.0.1:%%p"
                hosts = [ { host = "fake[0-1]" } ]
                """.formatted(cert, port));
        return dir;
    }

    /** {@code flux broker -c CONF} as host {@code host}, in the instance's rundir, its log to {@code log}. */
    private static Process broker(TestInstance in, Path conf, String host, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(FluxCli.command("broker", "-c", conf.toString(),
                "--setattr=rundir=" + in.rundir(), "--setattr=hostname=" + host, "-Slog-stderr-level=7",
                "-Slog-stderr-mode=local")); // a follower prints its own log (else rank 0 does)
        pb.environment().remove("FLUX_URI");
        pb.environment().put("FLUX_FAKE_HOSTNAME", host);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Failed handshakes rank 0 has logged. */
    private static long failures(TestInstance in) {
        return in.ok("dmesg").lines().filter(l -> l.contains("overlay.err[0]: child sockevent")
                && l.contains("HANDSHAKE_FAILED")).count();
    }

    /** Socket events of a kind rank 0 has logged for its children's socket. */
    private static long sockevents(TestInstance in, String kind) {
        return in.ok("dmesg").lines().filter(l -> l.contains("child sockevent") && l.contains(kind)).count();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
