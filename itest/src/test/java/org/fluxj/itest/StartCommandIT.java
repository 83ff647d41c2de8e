package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * flux start as a user runs it. Until {@code flux broker} exists, real process management is
 * shown with {@code --wrap} and a stand-in broker script: it records its PMI environment,
 * runs the initial program on rank 0, and on other ranks exits with $FAKE_EXIT or hangs.
 */
class StartCommandIT {
    @TempDir
    Path tmp;

    Path fake;

    @BeforeEach
    void writeFakeBroker() throws Exception {
        fake = tmp.resolve("fake-broker");
        Files.writeString(fake, """
                #!/bin/sh
                # argv: BIN/flux broker [opts] --setattr=rundir=DIR [--setattr=hostname=H] [program...]
                shift 2
                while [ $# -gt 0 ]; do
                    case "$1" in
                    --setattr=rundir=*) rundir=${1#--setattr=rundir=}; shift; break ;;
                    *) shift ;;
                    esac
                done
                case "$1" in --setattr=hostname=*) shift ;; esac
                [ -S "$FLUX_PMI_SOCKET" ] && pmi=socket
                echo "rank=$PMI_RANK size=$PMI_SIZE id=$PMI_ID host=$FLUX_FAKE_HOSTNAME pmi=$pmi" >"$rundir/broker-$PMI_RANK"
                if [ "$PMI_RANK" = 0 ]; then
                    [ $# -gt 0 ] && exec "$@"
                    exit 0
                fi
                [ "$FAKE_EXIT" = hang ] && exec sleep 1000
                exit ${FAKE_EXIT:-0}
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private FluxCli.Result start(Map<String, String> env, String... args) {
        return FluxCli.runWithInput(null, env, args);
    }

    @Test
    void noexecVerbosePrintsEachBrokerCommand() {
        FluxCli.Result r = FluxCli.run("start", "-X", "-v", "--test-size=2", "-o,-v", "-Sfoo=1,bar=2",
                "sh", "-c", "echo hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        String flux = FluxCli.root().resolve("bin/flux").toString();
        Matcher m = Pattern.compile("flux-start: 0: " + Pattern.quote(flux)
                + " broker -Sfoo=1 -Sbar=2 -v --setattr=rundir=(\\S+) sh -c echo hi").matcher(lines.get(0));
        assertTrue(m.matches(), lines.get(0));
        String rundir = m.group(1);
        assertEquals("flux-start: 1: " + flux + " broker -Sfoo=1 -Sbar=2 -v --setattr=rundir=" + rundir, lines.get(1));
        assertFalse(Files.exists(Path.of(rundir)), "the rundir it made is removed");
    }

    @Test
    void noexecNormalModePrintsTheBrokerCommand() {
        FluxCli.Result r = FluxCli.run("start", "-X", "-v", "--wrap=valgrind,--quiet", "-c/etc/x", "--conf=a=1",
                "true");
        assertEquals(0, r.status(), r.err());
        assertEquals("flux-start: valgrind --quiet " + FluxCli.root().resolve("bin/flux") + " broker -c/etc/x --conf=a=1 true\n",
                r.err());
        assertEquals("", FluxCli.run("start", "-X", "true").err());
    }

    @Test
    void brokerOptionsMayBeginWithDashAsSeparateWords() throws Exception {
        // as flux-core's test_under_flux starts every instance: -o and its value as two words
        Path logfile = tmp.resolve("b.log");
        FluxCli.Result r = FluxCli.run("start", "--test-size=4", "-o", "-Slog-filename=" + logfile,
                "-o", "-Slog-forward-level=7", "flux", "module", "list");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("kvs-watch"), r.out());
        String log = Files.readString(logfile);
        assertTrue(log.contains("broker.info[0]: rc2.0: flux module list Exited (rc=0)"), log);
        // rank 3's entries reach rank 0's log file (log-forward-level=7 forwards debug too)
        assertTrue(log.lines().anyMatch(l -> l.contains("[3]: ")), log);
    }

    @Test
    void testHostsAreGivenToEachBroker() {
        FluxCli.Result r = FluxCli.run("start", "-X", "-v", "--test-size=2", "--test-hosts=node[7-8]");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.contains("--setattr=hostname=node")), r.err());
        assertTrue(r.err().contains("--setattr=hostname=node8"), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --test-exit-mode=bogus,--test-size=1  | flux-start: unknown --test-exit-mode: bogus (see 'flux start --help')
            --test-start-mode=some,--test-size=1  | flux-start: unknown --test-start-mode: some (see 'flux start --help')
            --test-size=0                         | flux-start: --test-size argument must be > 0 (see 'flux start --help')
            --test-exit-timeout=soon,--test-size=1 | flux-start: invalid --test-exit-timeout: soon (see 'flux start --help')
            --test-hosts=foo                      | flux-start: --test-hosts only works with --test-size (see 'flux start --help')
            --test-rundir=/tmp                    | flux-start: --test-rundir only works with --test-size (see 'flux start --help')
            --rundir=/tmp/x                       | flux-start: --rundir only works with --test-size (see 'flux start --help')
            --test-size=x                         | flux-start: Invalid value for option '--test-size': 'x' is not an int (see 'flux start --help')
            """)
    void badOptionsAreOneLineAndStatusOne(String args, String message) {
        FluxCli.Result r = FluxCli.run(("start," + args).split(","));
        assertEquals(1, r.status(), r.err());
        assertEquals(message.strip() + "\n", r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        FluxCli.Result r = FluxCli.run("start", "--frobnicate");
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("flux-start: ") && r.err().contains("--frobnicate"), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --recovery=/nonexistent/sd,--test-size=1      | flux-start: /nonexistent/sd: No such file or directory
            --caliper-profile=x                           | flux-start: --caliper-profile requires a version of Flux built with --enable-caliper
            --test-size=2,--test-hosts=a                  | flux-start: --test-hosts hostlist has incorrect size
            --test-size=2,--test-hosts=a[                 | flux-start: could not decode --test-hosts hostlist
            --test-size=1,--test-rundir=/nonexistent/dir  | flux-start: /nonexistent/dir: No such file or directory
            --test-size=1,--test-pmi-clique=bogus         | flux-start: test-pmi-clique: taskmap: invalid id 'bogus'
            """)
    void failuresAreOneLineAndStatusOne(String args, String message) {
        FluxCli.Result r = FluxCli.run(("start," + args).split(","));
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().toLowerCase().startsWith(message.strip().toLowerCase()), r.err());
    }

    @Test
    void initialProgramStatusIsTheExitStatus() {
        assertEquals(0, start(Map.of(), "start", "--test-size=1", "--wrap=" + fake, "true").status());
        FluxCli.Result r = start(Map.of(), "start", "--test-size=2", "--wrap=" + fake, "false");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().matches("flux-start: 0 \\(pid \\d+\\) exited with rc=1\n"), r.err());
        FluxCli.Result out = start(Map.of(), "start", "--test-size=2", "--wrap=" + fake, "sh", "-c", "echo hello; exit 3");
        assertEquals(3, out.status(), out.err());
        assertEquals("hello\n", out.out());
    }

    @Test
    void brokersGetPmiEnvironmentInTheTestRundir() throws Exception {
        Path rundir = Files.createDirectory(tmp.resolve("run"));
        FluxCli.Result r = start(Map.of(), "start", "--test-size=3", "--test-rundir=" + rundir,
                "--test-hosts=n[1-3]", "--wrap=" + fake, "true");
        assertEquals(0, r.status(), r.err());
        for (int rank = 0; rank < 3; rank++) {
            assertEquals("rank=" + rank + " size=3 id=" + rank + " host=n" + (rank + 1) + " pmi=socket\n",
                    Files.readString(rundir.resolve("broker-" + rank)));
        }
        assertFalse(Files.exists(rundir.resolve("pmi")), "the PMI socket is removed");
        assertTrue(Files.isDirectory(rundir), "--test-rundir is kept without --test-rundir-cleanup");
        assertEquals(0, start(Map.of(), "start", "--test-size=1", "--test-rundir=" + rundir, "--test-rundir-cleanup",
                "--wrap=" + fake, "true").status());
        assertFalse(Files.exists(rundir));
    }

    @Test
    void rundirIsCreatedAndRemovedUnlessItExisted() throws Exception {
        Path made = tmp.resolve("made");
        assertEquals(0, start(Map.of(), "start", "--test-size=1", "--rundir=" + made, "--wrap=" + fake, "true").status());
        assertFalse(Files.exists(made));
        Path kept = Files.createDirectory(tmp.resolve("kept"));
        assertEquals(0, start(Map.of(), "start", "--test-size=1", "--rundir=" + kept, "--wrap=" + fake, "true").status());
        assertTrue(Files.exists(kept.resolve("broker-0")));
    }

    @Test
    void anyModeExitsWithTheHighestBrokerStatus() {
        FluxCli.Result r = start(Map.of("FAKE_EXIT", "5"), "start", "--test-size=3", "--wrap=" + fake, "true");
        assertEquals(5, r.status(), r.err());
        FluxCli.Result leader = start(Map.of("FAKE_EXIT", "5"), "start", "--test-size=3", "--test-exit-mode=leader",
                "--wrap=" + fake, "true");
        assertEquals(0, leader.status(), leader.err());
    }

    @Test
    void exitTimeoutKillsTheBrokersLeft() {
        FluxCli.Result r = start(Map.of("FAKE_EXIT", "hang"), "start", "--test-size=3", "--test-exit-timeout=0.2s",
                "--wrap=" + fake, "true");
        assertEquals(137, r.status(), r.err());
        assertTrue(r.err().contains("flux-start: Exit timeout: killed rank 1-2\n"), r.err());
        assertTrue(r.err().matches("(?s).*flux-start: 2 \\(pid \\d+\\) Killed\n.*"), r.err());
        FluxCli.Result leader = start(Map.of("FAKE_EXIT", "hang"), "start", "--test-size=2", "--test-exit-mode=leader",
                "--test-exit-timeout=0.1", "--wrap=" + fake, "sh", "-c", "exit 4");
        assertEquals(4, leader.status(), leader.err());
    }

    @Test
    void leaderStartModeStartsRankZeroOnly() throws Exception {
        Path rundir = Files.createDirectory(tmp.resolve("lead"));
        FluxCli.Result r = start(Map.of(), "start", "--test-size=2", "--test-start-mode=leader",
                "--test-exit-mode=leader", "--test-rundir=" + rundir, "--wrap=" + fake, "true");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(rundir.resolve("broker-0")));
        assertFalse(Files.exists(rundir.resolve("broker-1")));
    }
}
