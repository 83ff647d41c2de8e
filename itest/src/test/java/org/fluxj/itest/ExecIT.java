package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * flux exec and flux sproc against a size-1 instance, as flux-core's t0005-exec.t and
 * t0040-flux-sproc.t drive them: output, exit codes, stdin, labels, signals, the working
 * directory, bad ranks, background processes, attach.
 */
class ExecIT {
    private static final Pattern RANK_PID = Pattern.compile("0: (\\d+)\n");
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

    private static FluxCli.Result exec(String... args) {
        return broker.flux(concat("exec", args));
    }

    private static String[] concat(String first, String... rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    @Test
    void outputAndExitStatus() {
        FluxCli.Result r = exec("-n", "echo", "Hello");
        assertEquals(0, r.status(), r.err());
        assertEquals("Hello\n", r.out());
        r = exec("-n", "sh", "-c", "echo Hello >&2");
        assertEquals("", r.out());
        assertEquals("Hello\n", r.err());
        r = exec("-n", "sh", "-c", "exit 3");
        assertEquals(3, r.status());
        assertEquals("0: Exit 3\n", r.err());
        r = exec("-n", "-q", "sh", "-c", "exit 2");
        assertEquals(2, r.status());
        assertEquals("", r.err(), "--quiet leaves out the exit summary");
        assertEquals(137, exec("-n", "sh", "-c", "kill -9 $$").status());
    }

    @Test
    void launchFailures() {
        FluxCli.Result r = exec("-n", "./nosuchprocess");
        assertEquals(127, r.status());
        assertEquals("flux-exec: Error: rank 0: ./nosuchprocess: error launching process: No such file or directory\n",
                r.err());
        r = exec("-n", "/dev/null");
        assertEquals(126, r.status());
        assertTrue(r.err().contains("error launching process: Permission denied"), r.err());
    }

    @Test
    void labelIo() {
        FluxCli.Result r = exec("-n", "-l", "sh", "-c", "echo out; echo err >&2");
        assertEquals("0: out\n", r.out());
        assertEquals("0: err\n", r.err());
        r = exec("-n", "-l", "/bin/echo", "-en", "one\\ntwo");
        assertEquals("0: one\n0: two", r.out(), "the last line has no newline, as it came");
        r = exec("-n", "--label-io", "-r", "0", FluxCli.root().resolve("bin/flux").toString(), "getattr", "rank");
        assertEquals("0: 0\n", r.out(), r.err());
    }

    @Test
    void stdinIsForwarded() {
        FluxCli.Result r = FluxCli.runWithInput("one\ntwo\n", Map.of("FLUX_URI", broker.uri()), "exec", "cat");
        assertEquals(0, r.status(), r.err());
        assertEquals("one\ntwo\n", r.out());
        assertEquals("", exec("cat").out(), "stdin at end: cat ends");
        assertEquals("", exec("-n", "cat").out());
    }

    @Test
    void stdinUnderSmallCredit() {
        // a 1 KiB stdin buffer on the server: 200 KiB go through only if credits are honoured
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 200 * 1024; i++) {
            sb.append("line ").append(i).append(" of the input to flux exec\n");
        }
        String input = sb.toString();
        FluxCli.Result r = FluxCli.runWithInput(input, Map.of("FLUX_URI", broker.uri()), "exec",
                "--setopt=stdin_BUFSIZE=1024", "sh", "-c", "md5sum");
        assertEquals(0, r.status(), r.err());
        assertEquals(md5(input) + "  -\n", r.out());
    }

    private static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void interactiveStdin() throws Exception {
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-l", "cat")) {
            OutputStream in = f.stdin();
            in.write("first\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            f.awaitOut("0: first"::equals); // echoed before the next line is typed
            in.write("second\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            assertEquals(0, f.waitFor());
            assertEquals(List.of("0: first", "0: second"), f.out());
        }
    }

    @Test
    void workingDirectory() {
        assertEquals("/tmp\n", exec("-n", "-d", "/tmp", "pwd").out());
        assertEquals("/usr\n", exec("-n", "--dir=/usr", "sh", "-c", "pwd").out());
        FluxCli.Result r = exec("-n", "-d", "/nonexistent", "pwd");
        assertEquals("/tmp\n", r.out());
        assertTrue(r.err().contains("Could not change dir to /nonexistent"), r.err());
    }

    @Test
    void environmentIsPassed() {
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("FLUX_URI", broker.uri(), "FOOTEST", "t"),
                "exec", "-n", "sh", "-c", "echo $FOOTEST");
        assertEquals("t\n", r.out());
        String owner = broker.ok("getattr", "security.owner").strip();
        assertEquals("unix:path=/run/user/" + owner + "/bus\n",
                exec("-n", "sh", "-c", "echo $DBUS_SESSION_BUS_ADDRESS").out());
        r = FluxCli.runWithInput(null, Map.of("FLUX_URI", broker.uri(), "DBUS_SESSION_BUS_ADDRESS", "mine"),
                "exec", "-n", "sh", "-c", "echo $DBUS_SESSION_BUS_ADDRESS");
        assertEquals("mine\n", r.out(), "not overwritten");
    }

    @Test
    void badRanksAndOptions() {
        FluxCli.Result r = exec("-n", "-r", "5", "true");
        assertEquals(1, r.status());
        assertEquals("flux-exec: One or more invalid --ranks specified: 5\n", r.err());
        r = exec("-n", "-r", "0", "-x", "0", "true");
        assertEquals("flux-exec: No targets specified\n", r.err());
        r = exec("-n", "-r", "x", "true");
        assertEquals("flux-exec: failed to decode idset 'x': Invalid argument\n", r.err());
        assertEquals(0, exec("-n", "-r", "all", "true").status());
        r = exec("--waitable", "true");
        assertEquals("flux-exec: --waitable can only be used with --bg\n", r.err());
        r = exec("--label=", "true");
        assertEquals(1, r.status());
        r = exec("--with-imp", "hostname");
        assertEquals(1, r.status());
        assertEquals("flux-exec: --with-imp: exec.imp path not found in config\n", r.err());
        r = exec("--jobid=f1234", "true");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-exec: --jobid: not supported"), r.err());
        r = exec();
        assertEquals(1, r.status());
        assertTrue(r.err().contains("Usage"), r.err());
    }

    @Test
    void sigtermIsForwarded() throws Exception {
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-n", "sh", "-c", "echo ready; exec sleep 300")) {
            f.awaitOut("ready"::equals);
            f.signal("TERM");
            assertEquals(143, f.waitFor());
            assertEquals(List.of("0: Terminated"), f.err());
        }
    }

    @Test
    void sigintIsForwarded() throws Exception {
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-n", "sh", "-c", "echo ready; exec sleep 300")) {
            f.awaitOut("ready"::equals);
            f.signal("INT");
            assertEquals(130, f.waitFor());
            assertEquals(List.of("0: Interrupt"), f.err());
        }
    }

    @Test
    void thirdQuickCtrlCGivesUp() throws Exception {
        // the task ignores SIGINT; flux exec forwards two and gives up at the third within a second
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-v", "-n", "--label=ctrlc", "sh", "-c",
                "trap '' INT; echo ready; while :; do sleep 1; done")) {
            f.awaitOut("ready"::equals);
            f.signal("INT");
            f.awaitErr("sending signal 2 to 1 running processes"::equals);
            f.signal("INT");
            f.awaitErr(l -> l.startsWith("interrupt (Ctrl+C) one more time within 1.00 sec to exit"));
            f.signal("INT");
            assertEquals(1, f.waitFor());
            assertTrue(f.err().contains("0: command still running at exit"), f.err().toString());
        }
        awaitGone("ctrlc"); // killed by the server once flux exec's connection closed
    }

    // ---------------------------------------------------------------- background, sproc

    private static int startBackground(String... args) {
        FluxCli.Result r = exec(concat("-r", concat("0", concat("--bg", args))));
        assertEquals(0, r.status(), r.err());
        Matcher m = RANK_PID.matcher(r.out());
        assertTrue(m.matches(), r.out());
        return Integer.parseInt(m.group(1));
    }

    /** Bounded polling through flux sproc ps until the label is in the state. */
    private static void awaitState(String label, String state) {
        for (int i = 0; i < 300; i++) {
            if (broker.ok("sproc", "ps", "-n", "-o", "{label}:{state}").lines().anyMatch((label + ":" + state)::equals)) {
                return;
            }
        }
        throw new AssertionError(label + " never reached state " + state);
    }

    private static void awaitGone(String label) {
        for (int i = 0; i < 300; i++) {
            if (broker.ok("sproc", "ps", "-n", "-o", "{label}").lines().noneMatch(label::equals)) {
                return;
            }
        }
        throw new AssertionError(label + " is still there");
    }

    @Test
    void backgroundProcessListedKilledAndWaited() {
        int pid = startBackground("--waitable", "--label=test-ps", "sleep", "300");
        String ps = broker.ok("sproc", "ps");
        assertEquals("      PID ST LABEL        COMMAND", ps.lines().findFirst().orElseThrow());
        assertTrue(ps.lines().anyMatch(l -> l.equals(String.format("%9d R  test-ps      sleep", pid))), ps);
        assertTrue(broker.ok("sproc", "ps", "-n", "-o", "{pid}:{rank}:{cmd}").contains(pid + ":0:sleep\n"));
        assertEquals(143, broker.flux("sproc", "kill", "--wait", "15", "test-ps").status());
        assertTrue(broker.ok("sproc", "ps", "-n").lines().noneMatch(l -> l.contains("test-ps")));
    }

    @Test
    void waitReturnsStatusAndOutput() {
        startBackground("--waitable", "--label=wait-exit", "sh", "-c", "echo tothestdout; echo tothestderr >&2; exit 3");
        awaitState("wait-exit", "Z");
        FluxCli.Result r = broker.flux("sproc", "wait", "-o", "wait-exit");
        assertEquals(3, r.status(), r.err());
        assertEquals("tothestdout\n", r.out());
        assertEquals("tothestderr\n", r.err());
        r = broker.flux("sproc", "wait", "wait-exit");
        assertEquals(1, r.status());
        assertEquals("flux-sproc: wait: label wait-exit does not belong to any subprocess\n", r.err());
        int pid = startBackground("--waitable", "sleep", "300");
        broker.ok("sproc", "kill", "9", Integer.toString(pid));
        assertEquals(137, broker.flux("sproc", "wait", Integer.toString(pid)).status());
    }

    @Test
    void sprocErrors() {
        FluxCli.Result r = broker.flux("sproc", "kill", "15", "999999");
        assertEquals(1, r.status());
        assertEquals("flux-sproc: kill: pid 999999 does not belong to any subprocess\n", r.err());
        r = broker.flux("sproc", "kill", "-w", "15", "999999");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("wait failed"), r.err());
        startBackground("--label=not-waitable", "sleep", "300");
        r = broker.flux("sproc", "wait", "not-waitable");
        assertEquals(1, r.status());
        assertEquals("flux-sproc: wait: process is not waitable\n", r.err());
        broker.ok("sproc", "kill", "15", "not-waitable");
        r = exec("-r", "0", "--bg", "nosuchcommand");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-exec: Error: rank 0: nosuchcommand: "), r.err());
        r = broker.flux("sproc");
        assertEquals(1, r.status());
        r = broker.flux("sproc", "ps", "-o", "{nosuch}");
        assertEquals("flux-sproc: Unknown format field: nosuch\n", r.err());
    }

    @Test
    void attachFollowsABackgroundProcess() throws Exception {
        startBackground("--waitable", "--label=att-zombie", "sh", "-c", "exit 7");
        awaitState("att-zombie", "Z");
        assertEquals(7, exec("-r", "0", "--attach", "att-zombie").status());
        FluxCli.Result r = exec("-r", "0", "--attach", "att-zombie");
        assertEquals(127, r.status(), "reaped by the first attach");
        assertTrue(r.err().startsWith("flux-exec: Error: rank 0: label att-zombie: "), r.err());

        startBackground("--label=att-run", "sh", "-c", "while :; do echo tick; sleep 0.2; done");
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-r", "0", "-l", "--attach", "att-run")) {
            f.awaitOut("0: tick"::equals); // attached: its output comes here
            broker.ok("sproc", "kill", "15", "att-run");
            assertEquals(143, f.waitFor());
        }
        r = exec("--attach", "a", "b");
        assertEquals("flux-exec: --attach takes a single pid or label argument\n", r.err());
    }

    @Test
    void ctrlCDetachesFromAnAttachedProcess() throws Exception {
        startBackground("--label=att-detach", "sh", "-c", "while :; do echo tick; sleep 0.2; done");
        try (RunningFlux f = new RunningFlux(broker.uri(), "exec", "-r", "0", "--attach", "att-detach")) {
            f.awaitOut("tick"::equals);
            f.signal("INT");
            assertEquals(0, f.waitFor());
            assertEquals(List.of("detached; use 'flux sproc kill att-detach' to signal it"), f.err());
        }
        awaitState("att-detach", "R");
        broker.ok("sproc", "kill", "15", "att-detach");
    }
}
