package org.fluxj.rexec;

import static org.fluxj.rexec.TestClient.assertWellFormed;
import static org.fluxj.rexec.TestClient.finishedStatus;
import static org.fluxj.rexec.TestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.DefaultSignals;
import org.fluxj.formats.proc.WaitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** kill: signals reach the process group, and a task killed by a signal reports it. */
class SubprocessSignalTest {
    private SubprocessServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        TestClient.Replies replies = new TestClient.Replies();
        server = SubprocessServer.builder(replies).build();
        client = new TestClient(server, replies, "client-a");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sigtermIsReportedAsASignal() {
        assertKilledBy(15);
    }

    @Test
    void sigkillIsReportedAsASignal() {
        assertKilledBy(9);
    }

    private void assertKilledBy(int signum) {
        Message m = client.execArgs("sleep", "1000");
        Reply started = client.next(m);
        int pid = started.payload.get("pid").asInt();
        Reply k = client.next(client.send("kill", obj("pid", pid, "signum", signum), false));
        assertFalse(k.isError(), k::toString);
        assertEquals(null, k.payload, "kill answers with no payload");
        List<Reply> r = client.untilEnd(m);
        assertWellFormed(concat(started, r), "stdout", "stderr");
        int status = finishedStatus(r);
        assertTrue(WaitStatus.signaled(status), () -> "status " + status);
        assertEquals(signum, WaitStatus.termSignal(status));
    }

    @Test
    void theChildLeadsItsOwnProcessGroup() throws Exception {
        Message m = client.execArgs("sleep", "1000");
        int pid = client.next(m).payload.get("pid").asInt();
        // setsid(1) makes the group just after the spawn: wait (bounded) until it has
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.GUARD_SECONDS);
        while (ProcStat.pgrp(pid) != pid && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(pid, ProcStat.pgrp(pid));
        client.call("kill", obj("pid", pid, "signum", 9));
        client.untilEnd(m);
    }

    @Test
    void killReachesEveryProcessOfTheGroup() throws Exception {
        Message m = client.execArgs("sh", "-c", "sleep 1000 & echo $!; sleep 1000 & echo $!; wait");
        Reply started = client.next(m);
        int pid = started.payload.get("pid").asInt();
        List<ProcessHandle> children = new ArrayList<>();
        while (children.size() < 2) {
            Reply r = client.next(m);
            if (r.is("output") && !r.isEof()) {
                children.add(ProcessHandle.of(Long.parseLong(r.data().trim())).orElseThrow());
            }
        }
        client.call("kill", obj("pid", pid, "signum", 15));
        for (ProcessHandle c : children) {
            c.onExit().get(TestClient.GUARD_SECONDS, TimeUnit.SECONDS);
            assertFalse(c.isAlive());
        }
        int status = finishedStatus(client.untilEnd(m));
        assertEquals(15, WaitStatus.termSignal(status));
    }

    @Test
    void outputHeldOpenByAGrandchildKeepsTheStreamUntilTheGroupDies() throws Exception {
        // the shell waits for stdin's end-of-file, so that its output is being read when it exits
        Message m = client.execArgs("sh", "-c", "sleep 1000 & echo $!; read x; exit 0");
        int pid = client.next(m).payload.get("pid").asInt();
        List<Reply> seen = new ArrayList<>();
        Reply r = client.next(m);
        seen.add(r);
        assertTrue(r.is("output") && r.data().trim().matches("\\d+"), r::toString);
        ObjectNode w = obj("matchtag", m.matchtag());
        w.set("io", obj("stream", "stdin", "rank", "0", "eof", true));
        server.handle(client.request("write", w, false));
        do {
            r = client.next(m);
            seen.add(r);
        } while (!r.is("finished"));
        assertEquals(0, finishedStatus(seen), "the shell exited");
        Reply list = new Reply(client.call("list", null), 0, null);
        assertEquals("R", list.payload.get("procs").get(0).get("state").asText(), "active while sleep holds stdout");
        client.call("kill", obj("pid", pid, "signum", 9));
        List<Reply> rest = client.untilEnd(m);
        assertEquals(org.fluxj.formats.msg.Errno.ENODATA.number(), rest.get(rest.size() - 1).errnum);
        seen.addAll(rest);
        assertTrue(TestClient.text(seen, "stdout").trim().matches("\\d+"), () -> "the sleep's pid in " + seen);
    }

    @Test
    void killByLabel() {
        org.fluxj.rexec.TestClient c = client;
        com.fasterxml.jackson.databind.node.ObjectNode cmd = TestClient.cmd("sleep", "1000");
        cmd.put("label", "napper");
        Message m = c.exec(cmd);
        assertTrue(c.next(m).is("started"));
        c.call("kill", obj("pid", -1, "label", "napper", "signum", 2));
        assertEquals(2, WaitStatus.termSignal(finishedStatus(c.untilEnd(m))));
    }

    @Test
    void theChildBeginsWithDefaultSignalsAndNoneBlocked() {
        assumeFalse(DefaultSignals.prefix().isEmpty(), "env(1) has no --default-signal");
        Message m = client.execArgs("grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status");
        List<Reply> r = client.untilEnd(m);
        assertEquals(0, finishedStatus(r));
        java.util.Map<String, Long> masks = new java.util.HashMap<>();
        for (String line : TestClient.text(r, "stdout").split("\n")) {
            String[] kv = line.split(":\\s*");
            masks.put(kv[0], Long.parseUnsignedLong(kv[1], 16));
        }
        // a JVM's own children have SIGQUIT blocked, and SIGINT ignored in a background build; signals 32
        // and 33 are glibc's, set to ignored by the JVM's posix_spawn and out of env's reach
        assertEquals(0L, masks.get("SigBlk"), () -> "blocked: " + masks);
        assertEquals(0L, masks.get("SigIgn") & ~(3L << 31), () -> "ignored: " + masks);
    }

    @Test
    void noSetpgrpSignalsThePidAlone() {
        com.fasterxml.jackson.databind.node.ObjectNode p = TestClient.execPayload(TestClient.cmd("sleep", "1000"),
                RexecFlags.STDOUT | RexecFlags.STDERR);
        p.put("local_flags", RexecFlags.LOCAL_NO_SETPGRP);
        Message m = client.send("exec", p, true);
        int pid = client.next(m).payload.get("pid").asInt();
        client.call("kill", obj("pid", pid, "signum", 15));
        assertEquals(15, WaitStatus.termSignal(finishedStatus(client.untilEnd(m))));
    }

    private static List<Reply> concat(Reply first, List<Reply> rest) {
        List<Reply> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
