package org.fluxj.rexec;

import static org.fluxj.rexec.TestClient.assertError;
import static org.fluxj.rexec.TestClient.cmd;
import static org.fluxj.rexec.TestClient.execPayload;
import static org.fluxj.rexec.TestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests the server cannot honour get flux-core's errors, and the server goes on serving. */
class SubprocessMalformedTest {
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
        assertEquals(0, client.call("list", null).get("procs").size(), "the server still answers, and ran nothing");
        server.close();
    }

    private Reply exec(ObjectNode payload, boolean streaming) {
        return client.error("exec", payload, streaming);
    }

    @Test
    void execPayloadProblems() {
        assertError(client.error("exec", null, true), Errno.EPROTO, "failed to unpack request: Protocol error");
        Message notJson = Message.request("rexec.exec").matchtag(990001).pushRoute("x")
                .payloadString("{not json").setFlags(MessageFlags.STREAMING).build();
        server.handle(notJson);
        assertError(client.next(notJson), Errno.EPROTO, null);
        assertError(exec(obj("flags", 3), true), Errno.EPROTO,
                "invalid request payload: Object item not present: cmd");
        assertError(exec(obj("cmd", cmd("true")), true), Errno.EPROTO,
                "invalid request payload: Object item not present: flags");
        ObjectNode p = execPayload(cmd("true"), 0);
        p.put("flags", "3");
        assertError(exec(p, true), Errno.EPROTO, "invalid request payload: Expected integer, got string");
        p = execPayload(cmd("true"), 0);
        p.put("local_flags", 1.5);
        assertError(exec(p, true), Errno.EPROTO, "invalid request payload: Expected integer, got real");
    }

    @Test
    void commandObjectProblems() {
        ObjectNode c = cmd("true");
        c.remove("env");
        assertError(exec(execPayload(c, 0), true), Errno.EPROTO, "error parsing command string");
        c = cmd("true");
        c.putArray("cmdline").add(1);
        assertError(exec(execPayload(c, 0), true), Errno.EPROTO, "error parsing command string");
        c = cmd("true");
        c.with("env").put("N", 5);
        assertError(exec(execPayload(c, 0), true), Errno.EPROTO, "error parsing command string");
        c = cmd("true");
        c.put("label", "");
        assertError(exec(execPayload(c, 0), true), Errno.EPROTO, "error parsing command string");
        assertError(exec(execPayload(cmd(), 0), true), Errno.EPROTO, "command string is empty");
        assertError(exec(execPayload(Json.object().put("cmdline", "true"), 0), true), Errno.EPROTO,
                "error parsing command string");
    }

    @Test
    void flagProblems() {
        assertError(exec(execPayload(cmd("true"), RexecFlags.WAITABLE), true), Errno.EINVAL,
                "waitable flag only supported in background mode");
        assertError(exec(execPayload(cmd("true"), RexecFlags.WRITE_CREDIT), false), Errno.EINVAL,
                "write-credit flag is not allowed in background mode");
        ObjectNode p = execPayload(cmd("true"), 0);
        p.put("local_flags", RexecFlags.LOCAL_STDIO_FALLTHROUGH);
        assertError(exec(p, false), Errno.EINVAL, "stdio-fallthrough flag is not allowed in background mode");
        p = execPayload(cmd("true"), 0);
        p.put("local_flags", 64);
        assertError(exec(p, true), Errno.EINVAL, "error launching process: Invalid argument");
        ObjectNode c = cmd("true");
        c.with("opts").put("stdout_LINE_BUFFER", "sometimes");
        assertError(exec(execPayload(c, 1), true), Errno.EINVAL, "error launching process: Invalid argument");
        c = cmd("true");
        c.putArray("channels").add("FLUX_PMI_FD");
        assertError(exec(execPayload(c, 0), false), Errno.EINVAL,
                "auxiliary channels are not allowed in background mode");
        assertError(exec(execPayload(c, 0), true), Errno.ENOTSUP, "auxiliary and message channels are not supported");
    }

    @Test
    void signedRequestsNeedFluxSecurity() {
        ObjectNode p = execPayload(cmd("true"), 0);
        p.put("signature", "xyz");
        assertError(exec(p, true), Errno.EPERM, "flux-security support not available");
    }

    @Test
    void duplicateLabel() {
        ObjectNode c = cmd("sleep", "1000");
        c.put("label", "only");
        int pid = client.background(c, 0);
        assertError(exec(execPayload(c, 0), false), Errno.EEXIST, "command label is not unique");
        client.call("kill", obj("pid", pid, "signum", 9));
        awaitGone(pid);
    }

    @Test
    void killProblems() {
        assertError(client.error("kill", obj("pid", 99999999, "signum", 15), false), Errno.ESRCH,
                "pid 99999999 does not belong to any subprocess");
        assertError(client.error("kill", obj("pid", -1, "label", "ghost", "signum", 15), false), Errno.ESRCH,
                "label ghost does not belong to any subprocess");
        assertError(client.error("kill", obj("pid", 1), false), Errno.EPROTO,
                "invalid request payload: Object item not present: signum");
        assertError(client.error("kill", obj("pid", "1", "signum", 9), false), Errno.EPROTO, null);
        int pid = client.background(cmd("sleep", "1000"), 0);
        assertError(client.error("kill", obj("pid", pid, "signum", 0), false), Errno.EINVAL, "Invalid argument");
        assertError(client.error("kill", obj("pid", pid, "signum", 999), false), Errno.EINVAL,
                "killpg: Invalid argument");
        assertError(client.error("kill", obj("pid", pid, "signum", -3), false), Errno.EINVAL,
                "killpg: Invalid argument");
        client.call("kill", obj("pid", pid, "signum", 9));
        awaitGone(pid);
    }

    @Test
    void waitAndAttachProblems() {
        assertError(client.error("wait", obj("label", "x"), false), Errno.EPROTO,
                "invalid request payload: Object item not present: pid");
        assertError(client.error("wait", obj("pid", 4242424), false), Errno.ESRCH, null);
        assertError(client.error("attach", obj("pid", 4242424), true), Errno.EPROTO,
                "invalid request payload: Object item not present: flags");
        assertError(client.error("attach", obj("pid", 4242424, "flags", 1), true), Errno.ENOENT,
                "pid 4242424 does not belong to any subprocess");
    }

    @Test
    void malformedWritesAreDroppedQuietly() {
        server.handle(client.request("write", null, false));
        server.handle(client.request("write", obj("matchtag", 5), false));
        server.handle(client.request("write", obj("matchtag", 5, "io", obj("stream", "stdin")), false));
        server.handle(client.request("write", obj("matchtag", 5, "io",
                obj("stream", "stdin", "rank", "0", "data", "x")), false));
    }

    @Test
    void unknownMethod() {
        Message m = Message.request("rexec.frobnicate").matchtag(990002).pushRoute("x").build();
        server.handle(m);
        assertError(client.next(m), Errno.ENOSYS, "unknown method rexec.frobnicate");
    }

    private void awaitGone(int pid) {
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(TestClient.GUARD_SECONDS);
        while (client.call("list", null).get("procs").size() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
