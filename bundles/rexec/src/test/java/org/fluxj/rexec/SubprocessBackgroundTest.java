package org.fluxj.rexec;

import static org.fluxj.rexec.TestClient.assertError;
import static org.fluxj.rexec.TestClient.assertWellFormed;
import static org.fluxj.rexec.TestClient.finishedStatus;
import static org.fluxj.rexec.TestClient.obj;
import static org.fluxj.rexec.TestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Background (non-streaming) exec: a process outlives its requester, is listed, re-attached by
 * label or pid, waited for, and dropped or kept (waitable) when it exits.
 */
class SubprocessBackgroundTest {
    @TempDir
    Path dir;
    private SubprocessServer server;
    private TestClient.Replies replies;
    private TestClient module;

    @BeforeEach
    void start() {
        replies = new TestClient.Replies();
        server = SubprocessServer.builder(replies).rank(0).log(replies.serverLog()).build();
        module = new TestClient(server, replies, "module-job-exec");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A background process that copies a FIFO to stdout: the test decides when it speaks and ends. */
    private Path fifo() throws Exception {
        Path f = dir.resolve("ctl");
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).start().waitFor());
        return f;
    }

    private static ObjectNode labelled(String label, String... argv) {
        ObjectNode c = TestClient.cmd(argv);
        c.put("label", label);
        return c;
    }

    @Test
    void outlivesItsRequesterAndIsReattachedByLabel() throws Exception {
        Path ctl = fifo();
        int pid = module.background(labelled("shell-42", "sh", "-c", "cat " + ctl + "; echo bye >&2"), 0);
        module.disconnect(); // the module is unloaded (or reloaded)

        JsonNode procs = module.call("list", null).get("procs");
        assertEquals(1, procs.size());
        assertEquals(pid, procs.get(0).get("pid").asInt());
        assertEquals("shell-42", procs.get(0).get("label").asText());
        assertEquals("sh", procs.get(0).get("cmd").asText());
        assertEquals("R", procs.get(0).get("state").asText());

        TestClient reloaded = new TestClient(server, replies, "module-job-exec-2");
        Message attach = reloaded.send("attach",
                obj("pid", -1, "label", "shell-42", "flags", RexecFlags.STDOUT | RexecFlags.STDERR), true);
        Reply attached = reloaded.next(attach);
        assertTrue(attached.is("attached"), attached::toString);
        assertEquals(pid, attached.payload.get("pid").asInt());
        assertEquals("shell-42", attached.payload.get("cmd").get("label").asText());
        try (OutputStream w = new FileOutputStream(ctl.toFile())) {
            w.write("after attach\n".getBytes(StandardCharsets.UTF_8));
        }
        List<Reply> r = reloaded.untilEnd(attach);
        assertWellFormed(prepend(attached, r), "stdout", "stderr");
        assertEquals("after attach\n", text(r, "stdout"));
        assertEquals("bye\n", text(r, "stderr"));
        assertEquals(0, finishedStatus(r));
        assertEquals(0, module.call("list", null).get("procs").size());
    }

    @Test
    void aDetachedClientLeavesItRunningAndAnotherMayAttachByPid() throws Exception {
        Path ctl = fifo();
        int pid = module.background(labelled("daemon", "cat", ctl.toString()), 0);
        TestClient first = new TestClient(server, replies, "first");
        Message a1 = first.send("attach", obj("pid", pid, "flags", RexecFlags.STDOUT), true);
        assertTrue(first.next(a1).is("attached"));
        TestClient other = new TestClient(server, replies, "other");
        assertError(other.error("attach", obj("pid", pid, "flags", 1), true), Errno.EBUSY,
                "subprocess already has a client attached");
        first.disconnect();
        assertEquals("R", module.call("list", null).get("procs").get(0).get("state").asText());

        Message a2 = other.send("attach", obj("pid", pid, "flags", RexecFlags.STDOUT), true);
        assertTrue(other.next(a2).is("attached"));
        try (OutputStream w = new FileOutputStream(ctl.toFile())) {
            w.write("x\n".getBytes(StandardCharsets.UTF_8));
        }
        List<Reply> r = other.untilEnd(a2);
        assertEquals("x\n", text(r, "stdout"));
        assertFalse(r.stream().anyMatch(x -> x.isEof() && x.stream().equals("stderr")), "stderr not forwarded");
    }

    @Test
    void waitableProcessIsAZombieUntilWaitedFor() throws Exception {
        int pid = module.background(labelled("w", "sh", "-c", "echo out; echo err >&2; exit 7"), RexecFlags.WAITABLE);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        awaitState("w", "Z");
        JsonNode w = module.call("wait", obj("pid", -1, "label", "w"));
        assertEquals(WaitStatus.exited(7), w.get("status").asInt());
        StringBuilder out = new StringBuilder();
        for (JsonNode io : w.get("output")) {
            out.append(io.get("stream").asText()).append(':').append(io.get("data").asText());
        }
        assertTrue(out.toString().contains("stdout:out\n") && out.toString().contains("stderr:err\n"), out::toString);
        assertEquals(0, module.call("list", null).get("procs").size(), "reaped by the wait");
        assertError(module.error("wait", obj("pid", pid), false), Errno.ESRCH, null);
    }

    @Test
    void waitBeforeExitIsAnsweredAtExitWithTheSignal() {
        int pid = module.background(TestClient.cmd("sleep", "1000"), RexecFlags.WAITABLE);
        Message wait = module.send("wait", obj("pid", pid), false);
        assertError(module.error("wait", obj("pid", pid), false), Errno.EINVAL, "process is already being waited on");
        module.call("kill", obj("pid", pid, "signum", 9));
        Reply r = module.next(wait);
        assertEquals(9, WaitStatus.termSignal(r.payload.get("status").asInt()), r::toString);
    }

    @Test
    void attachToAZombieReportsItsEndAndReapsIt() throws Exception {
        int pid = module.background(labelled("z", "sh", "-c", "exit 2"), RexecFlags.WAITABLE);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        awaitState("z", "Z");
        Message a = module.send("attach", obj("pid", pid, "flags", RexecFlags.STDOUT | RexecFlags.STDERR), true);
        List<Reply> r = module.untilEnd(a);
        assertWellFormed(r, "stdout", "stderr");
        assertEquals(WaitStatus.exited(2), finishedStatus(r));
        assertError(module.error("wait", obj("pid", pid), false), Errno.ESRCH, null);
    }

    @Test
    void notWaitableProcessGoesAwayAtExit() throws Exception {
        int pid = module.background(labelled("brief", "sh", "-c", "exit 0"), 0);
        assertEquals("brief: sh[" + pid + "]: Exit 0", replies.log.poll(TestClient.GUARD_SECONDS, TimeUnit.SECONDS));
        assertError(module.error("wait", obj("pid", pid), false), Errno.ESRCH,
                "pid " + pid + " does not belong to any subprocess");
    }

    @Test
    void backgroundStdinIsAtEndOfFile() throws Exception {
        int pid = module.background(labelled("reader", "sh", "-c", "cat; exit 5"), RexecFlags.WAITABLE);
        assertEquals(WaitStatus.exited(5), module.call("wait", obj("pid", pid)).get("status").asInt());
    }

    @Test
    void backgroundOutputAndExitAreLogged() throws Exception {
        int pid = module.background(labelled("talker", "sh", "-c", "echo hello; exit 3"), RexecFlags.WAITABLE);
        module.call("wait", obj("pid", pid));
        assertEquals("talker[" + pid + "]: hello", replies.log.poll(TestClient.GUARD_SECONDS, TimeUnit.SECONDS));
        assertEquals("talker: sh[" + pid + "]: Exit 3", replies.log.poll(TestClient.GUARD_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void foregroundProcessDiesWithItsRequester() throws Exception {
        TestClient gone = new TestClient(server, replies, "gone");
        Message m = gone.execArgs("sleep", "1000");
        int pid = gone.next(m).payload.get("pid").asInt();
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        gone.disconnect();
        h.onExit().get(TestClient.GUARD_SECONDS, TimeUnit.SECONDS);
        assertFalse(h.isAlive());
    }

    @Test
    void attachIsRefusedForForegroundAndUnknownProcesses() {
        Message m = module.execArgs("sleep", "1000");
        int pid = module.next(m).payload.get("pid").asInt();
        assertError(module.error("attach", obj("pid", pid, "flags", 1), true), Errno.EBUSY,
                "subprocess is not in background mode");
        assertError(module.error("attach", obj("pid", -1, "label", "nope", "flags", 1), true), Errno.ENOENT,
                "label nope does not belong to any subprocess");
        assertError(module.error("attach", obj("pid", pid, "flags", 1), false), Errno.EPROTO,
                "attach request is missing STREAMING flag");
        assertError(module.error("wait", obj("pid", pid), false), Errno.EINVAL, "process is not waitable");
        module.call("kill", obj("pid", pid, "signum", 9));
        module.untilEnd(m);
    }

    @Test
    void shutdownKillsEverythingAndRefusesNewWork() throws Exception {
        int bg = module.background(TestClient.cmd("sleep", "1000"), 0);
        Message fg = module.execArgs("sleep", "1000");
        module.next(fg);
        server.shutdown(15).toCompletableFuture().get(TestClient.GUARD_SECONDS, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(15, WaitStatus.termSignal(finishedStatus(module.untilEnd(fg))));
        assertError(module.error("exec", TestClient.execPayload(TestClient.cmd("true"), 0), true), Errno.ENOSYS,
                "subprocess server is shutting down");
    }

    private void awaitState(String label, String state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            for (JsonNode p : module.call("list", null).get("procs")) {
                if (p.get("label").asText().equals(label) && p.get("state").asText().equals(state)) {
                    return;
                }
            }
        }
        throw new AssertionError(label + " never reached state " + state);
    }

    private static List<Reply> prepend(Reply first, List<Reply> rest) {
        List<Reply> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
