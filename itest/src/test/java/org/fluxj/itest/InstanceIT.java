package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole instances: exit status of the initial program, rc scripts, config, shutdown. */
class InstanceIT {

    @Test
    void initialProgramStatusIsTheInstanceStatus() {
        assertEquals(0, FluxCli.run("broker", "true").status());
        FluxCli.Result r = FluxCli.run("broker", "sh", "-c", "exit 7");
        assertEquals(7, r.status(), r.err());
        r = FluxCli.run("broker", "sh", "-c", "flux getattr size; exit 0");
        assertEquals("1\n", r.out(), r.err());
    }

    @Test
    void stateMachineLoggedWithItsTimes() {
        FluxCli.Result r = FluxCli.run("broker", "-Slog-stderr-level=6", "true");
        assertEquals(0, r.status());
        String[] order = {"builtins-success: load-builtins->join", "parent-none: join->config-sync",
            "sync-none: config-sync->init", "rc1-success: init->quorum", "quorum-full: quorum->run",
            "rc2-success: run->cleanup", "cleanup-none: cleanup->shutdown", "children-none: shutdown->finalize",
            "rc3-success: finalize->goodbye", "goodbye: goodbye->unload-builtins",
            "builtins-done: unload-builtins->exit"};
        int at = 0;
        for (String t : order) {
            int i = r.err().indexOf("broker.info[0]: " + t + " ", at);
            assertTrue(i >= at, t + " after position " + at + " in\n" + r.err());
            at = i;
        }
        assertTrue(r.err().contains("rc2.0: true Exited (rc=0)"), r.err());
    }

    @Test
    void rcPathsAndRcDirectories(@TempDir Path dir) throws IOException {
        Path rc1d = Files.createDirectories(dir.resolve("rc1.d"));
        Path script = rc1d.resolve("01-site");
        Files.writeString(script, "#!/bin/sh\necho site rc1 sees $(flux getattr rank)\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("FLUX_RC_EXTRA", dir.toString()),
                "broker", "-Slog-stderr-level=6", "true");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("rc1.0: site rc1 sees 0"), r.err());

        r = FluxCli.run("broker", "-Slog-stderr-level=6", "-Sbroker.rc1_path=echo custom rc1",
                "-Sbroker.rc3_path=", "true");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("rc1.0: custom rc1"), r.err());
        assertTrue(r.err().contains("rc3-none: finalize->goodbye"), r.err());

        r = FluxCli.run("broker", "-Sbroker.rc1_path=exit 3", "true");
        assertEquals(3, r.status(), "a failing rc1 shuts the instance down with its status");
    }

    @Test
    void configDirectoryMerged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.toml"), "[heartbeat]\nperiod = \"5s\"\n");
        Files.writeString(dir.resolve("b.toml"), "[access]\nallow-guest-user = true\n");
        FluxCli.Result r = FluxCli.run("broker", "-c", dir.toString(), "sh", "-c",
                "flux config get heartbeat.period; flux config get --type=boolean access.allow-guest-user");
        assertEquals("5s\ntrue\n", r.out(), r.err());
        // as flux-core's flux_conf_parse: files merge in name order, a later value replaces
        Files.writeString(dir.resolve("c.toml"), "[heartbeat]\nperiod = \"1s\"\n");
        r = FluxCli.run("broker", "-c", dir.toString(), "flux", "config", "get", "heartbeat.period");
        assertEquals("1s\n", r.out(), r.err());
        Files.writeString(dir.resolve("d.toml"), "[heartbeat\n");
        r = FluxCli.run("broker", "-c", dir.toString(), "true");
        assertEquals(1, r.status());
        assertTrue(r.err().contains(dir.resolve("d.toml") + ":1: "), r.err());
    }

    @Test
    void cleanupCommandsRunAfterTheInitialProgramInPushOrder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cleanup.out");
        String script = "printf 'echo one >>" + out + "\\necho two >>" + out + "\\n' | flux admin cleanup-push"
                + " && flux admin cleanup-push 'echo zero >>" + out + "'"
                + " && ! flux admin cleanup-push </dev/null";
        FluxCli.Result r = FluxCli.run("start", "--test-size=1", "sh", "-c", script);
        assertEquals(0, r.status(), r.err());
        assertEquals("zero\none\ntwo\n", Files.readString(out));
        // a failing cleanup command fails the instance, as flux-core's
        assertEquals(1, FluxCli.run("start", "--test-size=1", "flux", "admin", "cleanup-push", "false").status());
    }

    @Test
    void brokerAttributesAreCheckedBeforeUse(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        Path closed = Files.createDirectory(dir.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        String[][] cases = {
            {"-Sbroker.boot-method=unknown", "flux-broker: plugin matching 'unknown' not found"},
            {"-Sbroker.critical-ranks=0-1", "flux-broker: invalid value for broker.critical-ranks='0-1'"},
            {"-Sbroker.critical-ranks=x", "flux-broker: invalid value for broker.critical-ranks='x'"},
            {"-Slocal-uri=local://" + "D".repeat(1024), "flux-broker: buffer overflow while checking local-uri"},
            {"-Slocal-uri=local:///noexist/x", "flux-broker: local-uri directory cannot stat /noexist: No such file or directory"},
            {"-Slocal-uri=local://" + file + "/x", "flux-broker: local-uri directory " + file + ": Not a directory"},
            {"-Slocal-uri=local://" + closed + "/x", "flux-broker: local-uri directory " + closed + " does not have owner=rwx permissions"},
            {"-Slocal-uri=local://" + dir + "/" + "s".repeat(120), "exceeds max 107 AF_UNIX socket path length"},
            {"-Slocal-uri=ssh://host/x", "flux-broker: local-uri is malformed"},
            {"-Slog-syslog-enable=2", "flux-broker: log-syslog-enable: value must be 0 or 1"},
            {"-Sbroker.quorum-warn=x", "flux-broker: Error parsing broker.quorum-warn attribute: invalid FSD 'x'"},
            {"-Sbroker.cleanup-timeout=x", "flux-broker: Error parsing broker.cleanup-timeout attribute: invalid FSD 'x'"},
            {"-Slog-syslog-enable", "flux-broker: error parsing --setattr=log-syslog-enable"},
            {"-Slog-syslog-level=8", "flux-broker: log-syslog-level: Invalid argument"},
            {"-Slog-syslog-level=5xx", "flux-broker: log-syslog-level: invalid value '5xx'"},
        };
        for (String[] c : cases) {
            FluxCli.Result r = FluxCli.run("start", c[0], "true");
            assertEquals(1, r.status(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
        }
    }

    @Test
    void rundirAndStatedirAreMadeAndRemovedAsFluxCoreDoes(@TempDir Path dir) throws IOException {
        String show = "echo $(flux getattr rundir) $(flux getattr rundir-cleanup) $(flux getattr statedir)"
                + " $(flux getattr statedir-cleanup)";
        // made in TMPDIR and removed at exit, unless NAME-cleanup=0 says to keep it
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("TMPDIR", dir.toString()), "start",
                "-Srundir-cleanup=0", "sh", "-c", show);
        String[] f = r.out().strip().split(" ");
        assertEquals(List.of("0", "1"), List.of(f[1], f[3]), r.out() + r.err());
        assertTrue(f[0].startsWith(dir + "/flux-") && f[2].startsWith(dir + "/flux-"), r.out());
        assertTrue(Files.isDirectory(Path.of(f[0])) && !Files.exists(Path.of(f[2])), r.out());
        // a named directory is kept; one with its sticky bit set gets a temporary one inside
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        r = FluxCli.run("start", "-Sstatedir=" + sticky, "sh", "-c", show);
        f = r.out().strip().split(" ");
        assertTrue(f[2].startsWith(sticky + "/flux-") && f[3].equals("1"), r.out() + r.err());
        try (var left = Files.list(sticky)) {
            assertEquals(0, left.count(), "the temporary statedir was removed");
        }
        assertEquals(new FluxCli.Result(1, "", "flux-broker: cannot create directory in /nonexist: No such file or directory\n"),
                FluxCli.runWithInput(null, Map.of("TMPDIR", "/nonexist"), "start", "true"));
    }

    @Test
    void stateMachineDurationsAreFsdOrNone() {
        assertEquals("none\n", FluxCli.run("start", "flux", "getattr", "broker.cleanup-timeout").out());
        assertEquals("3h\n", FluxCli.run("start", "-Sbroker.cleanup-timeout=3h",
                "flux", "getattr", "broker.cleanup-timeout").out());
        assertEquals(0, FluxCli.run("start", "-Sbroker.quorum-warn=none", "-Sbroker.shutdown-warn=2m", "true").status());
    }

    @Test
    void aNegativeLevelMatchesNothing() {
        assertEquals(0, FluxCli.run("start", "-Slog-forward-level=-1", "true").status());
    }

    @Test
    void nonAsciiWordsSurviveACLocale() {
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("LC_ALL", "C", "LANG", "C"), "start", "sh", "-c",
                "flux logger ƒ Φ && echo 'Ψ Ω' | flux logger && flux dmesg | tail -2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("logger.notice[0]: ƒ Φ\n") && r.out().endsWith("logger.notice[0]: Ψ Ω\n"), r.out());
    }

    @Test
    void bootMethodIsChosenAsFluxCoreChoosesIt() {
        assertEquals("single\n", FluxCli.run("start", "flux", "getattr", "broker.boot-method").out());
        assertEquals("simple\n", FluxCli.run("start", "-s1", "flux", "getattr", "broker.boot-method").out());
        assertEquals("single\n", FluxCli.run("start", "-s1", "-Sbroker.boot-method=single",
                "flux", "getattr", "broker.boot-method").out());
        assertEquals("single\n", FluxCli.runWithInput(null, Map.of("FLUX_PMI_CLIENT_METHODS", "single"),
                "start", "-s1", "flux", "getattr", "broker.boot-method").out());
    }

    @Test
    void anInitialProgramThatIsNeitherScriptNorBinaryFailsAsExecvpWould(@TempDir Path dir) throws IOException {
        Path noShebang = dir.resolve("no-shebang.sh");
        Files.writeString(noShebang, "true\n");
        Files.setPosixFilePermissions(noShebang, PosixFilePermissions.fromString("rwx------"));
        FluxCli.Result r = FluxCli.run("start", noShebang.toString());
        assertEquals(126, r.status(), r.err());
        assertTrue(r.err().contains("Exec format error"), r.err());
    }

    @Test
    void initialProgramDoesNotInheritTheBootstrapPmi() {
        // a flux start inside an instance is a singleton, not a client of the outer PMI
        FluxCli.Result r = FluxCli.run("start", "--test-size=2", "sh", "-c", "env | grep -c '^PMI_' ; flux start flux getattr size");
        assertEquals(new FluxCli.Result(0, "0\n1\n", ""), r);
    }

    @Test
    void envPrintsOrRunsInTheFluxEnvironment() {
        FluxCli.Result r = FluxCli.run("env");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("export PATH=\"" + FluxCli.root().resolve("bin") + ":"), r.out());
        assertEquals(3, FluxCli.run("env", "sh", "-c", "exit 3").status());
        r = FluxCli.run("env", "sh", "-c", "command -v flux");
        assertEquals(FluxCli.root().resolve("bin/flux") + "\n", r.out());
        r = FluxCli.run("env", "no-such-program");
        assertEquals(new FluxCli.Result(1, "", "flux-env: execvp (no-such-program): No such file or directory\n"), r);
    }

    @Test
    void badOptionsAndAttributes() {
        FluxCli.Result r = FluxCli.run("broker", "-Srank=3", "true");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("rank: attribute may not be set on the command line"), r.err());
        r = FluxCli.run("broker", "--frob", "true");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-broker: unrecognized option '--frob'"), r.err());
    }

    @Test
    void shutdownEndsARunningInstance() throws Exception {
        try (TestBroker b = new TestBroker(List.of(), Map.of())) {
            FluxCli.Result r = b.flux("shutdown");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("broker.info[0]: shutdown: run->cleanup"), r.err());
            assertEquals(0, b.waitFor());
        }
    }
}
