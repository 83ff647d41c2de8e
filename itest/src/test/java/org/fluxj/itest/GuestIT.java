package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A guest (a second uid, {@code fluxguest}) on an instance of two brokers that admits guests
 * ({@code [access] allow-guest-user}): it may ask for overlay health and ping any rank, stamped with its own
 * userid and the user role across the overlay, and is refused owner-only services (EPERM). Runs as root,
 * which creates the user if missing ({@code useradd -M fluxguest}); skipped otherwise.
 *
 * <p>The checkout may lie where the guest cannot go (a clone in /root, or in a mode-700 {@code mktemp -d}
 * folder), so the guest runs a copy of {@code bin/flux} and the command's jars made under /tmp, from
 * there; skipped if the guest cannot run this JVM.
 */
class GuestIT {
    static final String GUEST = "fluxguest";
    static Path rundir;
    static Path confdir;
    /** What the guest runs: bin/flux and bundles/cmd/target/{flux-cmd.jar,lib}, readable by all. */
    static Path guestTree;
    static TestInstance in;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run commands as a guest");
        if (run("id", "-u", GUEST).status() != 0) {
            FluxCli.Result add = run("useradd", "-M", GUEST);
            assumeTrue(add.status() == 0, "useradd -M " + GUEST + ": " + add.err());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        FluxCli.Result jvm = run("runuser", "-u", GUEST, "--", java, "-version");
        assumeTrue(jvm.status() == 0, GUEST + " cannot run " + java + " (exit " + jvm.status() + ")");
        rundir = openDirectory("guestit-");
        confdir = openDirectory("guestit-conf-");
        Files.writeString(confdir.resolve("access.toml"), "[access]\nallow-guest-user = true\n");
        guestTree = openDirectory("guestit-flux-");
        copyForAll(FluxCli.root().resolve("bin/flux"), guestTree.resolve("bin/flux"), true);
        Path target = FluxCli.root().resolve("bundles/cmd/target");
        copyForAll(target.resolve("flux-cmd.jar"), guestTree.resolve("bundles/cmd/target/flux-cmd.jar"), false);
        try (var jars = Files.list(target.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                copyForAll(jar, guestTree.resolve("bundles/cmd/target/lib").resolve(jar.getFileName()), false);
            }
        }
        in = new TestInstance(2, "--test-rundir=" + rundir, "--config-path=" + confdir);
    }

    @AfterAll
    static void stop() throws IOException {
        if (in != null) {
            in.close();
        }
        for (Path d : new Path[] {confdir, rundir, guestTree}) {
            if (d != null) {
                run("rm", "-rf", d.toString());
            }
        }
    }

    /** A new directory under /tmp that every user may enter and read, whatever the umask. */
    private static Path openDirectory(String prefix) throws IOException {
        Path d = Files.createTempDirectory(Path.of("/tmp"), prefix);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    private static void copyForAll(Path from, Path to, boolean executable) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        for (Path d = to.getParent(); !d.equals(guestTree); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** bin/flux as the guest (the copy in {@link #guestTree}, run from there), against rank 0's socket. */
    private static FluxCli.Result guest(String... args) {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", GUEST, "--", "env", "FLUX_URI=" + in.uri(),
                "HOME=/tmp", "JAVA_HOME=" + System.getProperty("java.home"), guestTree.resolve("bin/flux").toString()));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    private static FluxCli.Result run(String... cmd) {
        try {
            Path out = Files.createTempFile("guest-out", ".txt");
            Path err = Files.createTempFile("guest-err", ".txt");
            try {
                Process p = new ProcessBuilder(FluxCli.defaultSignals(cmd)).directory(new File("/tmp"))
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                int status = p.waitFor();
                return new FluxCli.Result(status, Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void guestSeesTheOverlayAndPingsAcrossIt() {
        FluxCli.Result status = guest("overlay", "status", "--timeout=0", "--color=never");
        assertEquals(0, status.status(), status.err());
        String host = in.ok("getattr", "hostname").strip();
        assertEquals("0 " + host + ": full\n└─ 1 " + host + ": full\n", status.out());
        String uid = run("id", "-u", GUEST).out().strip();
        FluxCli.Result ping = guest("ping", "--userid", "--count=1", "1");
        assertEquals(0, ping.status(), ping.err());
        assertTrue(ping.out().contains("1!broker.ping pad=0 userid=" + uid + " rolemask=0x2 seq=0"), ping.out());
    }

    @Test
    void guestIsRefusedOwnerOnlyServices() {
        FluxCli.Result dmesg = guest("dmesg");
        assertEquals(1, dmesg.status());
        // flux-core's refusal text (msg_handler.c), as its own flux dmesg prints it
        assertTrue(dmesg.err().contains("log.dmesg: Request requires owner credentials"), dmesg.err());
        FluxCli.Result disconnect = guest("overlay", "disconnect", "1");
        assertEquals(1, disconnect.status());
        assertTrue(disconnect.err().endsWith("flux-overlay: overlay.disconnect-subtree: Request requires owner credentials\n"),
                disconnect.err());
        // nothing was disconnected, and the owner is still served
        assertEquals("full\n", in.ok("overlay", "status", "--timeout=0", "--summary"));
    }

    /**
     * A guest may publish events, but not be taken for the service that owns their topic: its
     * forged "namespace removed" and "new root" events reach no kvs-watch handler, and the
     * owner's watch carries on to the next real value.
     */
    @Test
    void guestCannotForgeAServicesEvents() throws Exception {
        in.ok("kvs", "put", "guestit.watched=1");
        ProcessBuilder pb = new ProcessBuilder(FluxCli.command("kvs", "get", "--watch", "--count=2", "guestit.watched"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("FLUX_URI", in.uri());
        Process watch = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("1", out.readLine()); // the watch is in place
            FluxCli.Result removed = guest("event", "pub", "kvs.namespace-primary-removed", "{\"namespace\":\"primary\"}");
            assertEquals(0, removed.status(), removed.err());
            FluxCli.Result setroot = guest("event", "pub", "kvs.namespace-primary-setroot",
                    "{\"namespace\":\"primary\",\"rootseq\":1000000,\"rootref\":\"sha1-" + "0".repeat(40)
                    + "\",\"keys\":[\"guestit.watched\"]}");
            assertEquals(0, setroot.status(), setroot.err());
            in.ok("kvs", "put", "guestit.watched=2"); // its event is sequenced after the guest's
            assertEquals("2", out.readLine());
            assertEquals(0, watch.waitFor());
        } finally {
            watch.destroyForcibly();
        }
    }

    /**
     * A guest cannot submit with mechanism none (flux-core wants a real signature from a guest),
     * nor change, raise on or cancel the owner's job; the job is untouched.
     */
    @Test
    void guestCannotSubmitNorTouchTheOwnersJobs() {
        FluxCli.Result submit = guest("submit", "true");
        assertEquals(1, submit.status());
        assertEquals("flux-submit: ERROR: [Errno 1] only instance owner can use sign-type=none\n", submit.err());
        String id = in.ok("submit", "true").strip();
        FluxCli.Result urgency = guest("job", "urgency", id, "3");
        assertEquals(1, urgency.status());
        assertEquals("flux-job: " + id + ": guests can only reprioritize their own jobs\n", urgency.err());
        FluxCli.Result cancel = guest("cancel", id);
        assertEquals(1, cancel.status());
        assertEquals("flux-cancel: ERROR: " + id + ": guests can only raise exceptions on their own jobs\n", cancel.err());
        assertEquals(4, in.ok("job", "eventlog", id).lines().count(), "submit, validate, depend, priority only");
    }
}
