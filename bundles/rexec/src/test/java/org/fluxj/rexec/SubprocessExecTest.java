package org.fluxj.rexec;

import static org.fluxj.rexec.TestClient.assertWellFormed;
import static org.fluxj.rexec.TestClient.finishedStatus;
import static org.fluxj.rexec.TestClient.obj;
import static org.fluxj.rexec.TestClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Foreground (streaming) exec of real child processes: output, status, stdin, environment. */
class SubprocessExecTest {
    private SubprocessServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        TestClient.Replies replies = new TestClient.Replies();
        server = SubprocessServer.builder(replies).rank(3).localUri("local:///tmp/fluxj-test/local").build();
        client = new TestClient(server, replies, "client-a");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsOutputThenFinishedThenEnodata() {
        List<Reply> r = client.untilEnd(client.execArgs("sh", "-c", "echo one; echo two; echo err >&2"));
        assertWellFormed(r, "stdout", "stderr");
        assertEquals("one\ntwo\n", text(r, "stdout"));
        assertEquals("err\n", text(r, "stderr"));
        assertEquals(0, finishedStatus(r));
        Reply started = r.get(0);
        int pid = started.payload.get("pid").asInt();
        assertTrue(pid > 1);
        Reply line = r.stream().filter(x -> x.is("output") && !x.isEof() && x.stream().equals("stdout")).findFirst()
                .orElseThrow();
        assertEquals(pid, line.payload.get("pid").asInt());
        assertEquals("3", line.payload.get("io").get("rank").asText());
        assertEquals("one\n", line.data(), "line buffered: one line per response");
    }

    @Test
    void exitCodeIsAWaitStatus() {
        List<Reply> r = client.untilEnd(client.execArgs("sh", "-c", "exit 3"));
        assertWellFormed(r, "stdout", "stderr");
        assertEquals(WaitStatus.exited(3), finishedStatus(r));
        assertEquals(3 << 8, finishedStatus(r));
    }

    @Test
    void exitCodeAbove128IsNotASignalUnlessOneWasSent() {
        List<Reply> r = client.untilEnd(client.execArgs("sh", "-c", "exit 143"));
        assertEquals(WaitStatus.exited(143), finishedStatus(r));
    }

    @Test
    void onlyRequestedStreamsAreForwarded() {
        Message m = client.send("exec", TestClient.execPayload(
                TestClient.cmd("sh", "-c", "echo out; echo err >&2"), RexecFlags.STDERR), true);
        List<Reply> r = client.untilEnd(m);
        assertWellFormed(r, "stderr");
        assertEquals("", text(r, "stdout"));
        assertEquals("err\n", text(r, "stderr"));
        assertFalse(r.stream().anyMatch(x -> x.isEof() && x.stream().equals("stdout")));
    }

    @Test
    void stdinWritesThenEof() {
        Message m = client.execArgs("cat");
        Reply started = client.next(m);
        assertTrue(started.is("started"));
        write(m, obj("stream", "stdin", "rank", "3", "data", "hello\n"));
        write(m, obj("stream", "stdin", "rank", "3", "data", "d29ybGQK", "encoding", "base64"));
        write(m, obj("stream", "stdin", "rank", "3", "eof", true));
        List<Reply> r = client.untilEnd(m);
        assertEquals("hello\nworld\n", text(r, "stdout"));
        assertEquals(0, finishedStatus(r));
    }

    @Test
    void writeCreditAnnouncesTheBuffer() {
        Message m = client.send("exec", TestClient.execPayload(TestClient.cmd("cat"),
                RexecFlags.STDOUT | RexecFlags.WRITE_CREDIT), true);
        Reply credit = client.next(m);
        assertTrue(credit.is("add-credit"), credit::toString);
        assertEquals(StreamOptions.DEFAULT_BUFSIZE, credit.payload.get("channels").get("stdin").asInt());
        assertTrue(client.next(m).is("started"));
        write(m, obj("stream", "stdin", "rank", "3", "data", "abc", "eof", true));
        List<Reply> r = client.untilEnd(m);
        assertTrue(r.stream().anyMatch(x -> x.is("add-credit") && x.payload.get("channels").get("stdin").asInt() == 3),
                r::toString);
        assertEquals("abc", text(r, "stdout"));
    }

    @Test
    void environmentCwdAndFluxUri() {
        ObjectNode cmd = TestClient.cmd("sh", "-c", "echo $FOO; pwd; echo $FLUX_URI; echo ${NOTIFY_SOCKET:-unset}");
        cmd.with("env").put("FOO", "bar").put("PATH", "/usr/bin:/bin").put("NOTIFY_SOCKET", "/x");
        cmd.put("cwd", "/tmp");
        List<Reply> r = client.untilEnd(client.exec(cmd));
        assertEquals("bar\n/tmp\nlocal:///tmp/fluxj-test/local\nunset\n", text(r, "stdout"));
    }

    @Test
    void noEnvironmentMeansTheServers() {
        List<Reply> r = client.untilEnd(client.execArgs("sh", "-c", "echo $PATH"));
        assertEquals(System.getenv("PATH") + "\n", text(r, "stdout"));
    }

    @Test
    void badCwdFallsBackToTmpWithAWarning() {
        ObjectNode cmd = TestClient.cmd("pwd");
        cmd.put("cwd", "/nonexistent/dir");
        List<Reply> r = client.untilEnd(client.exec(cmd));
        assertEquals("/tmp\n", text(r, "stdout"));
        assertEquals("Could not change dir to /nonexistent/dir: No such file or directory. Going to /tmp instead\n",
                text(r, "stderr"));
    }

    @Test
    void missingProgramIsAnErrorNotAStart() {
        List<Reply> r = client.untilEnd(client.execArgs("/nonexistent/program"));
        assertEquals(1, r.size(), r::toString);
        TestClient.assertError(r.get(0), Errno.ENOENT, "error launching process: No such file or directory");
        r = client.untilEnd(client.execArgs("no-such-command-fluxj"));
        TestClient.assertError(r.get(0), Errno.ENOENT, null);
        r = client.untilEnd(client.execArgs("/etc/passwd"));
        TestClient.assertError(r.get(0), Errno.EACCES, "error launching process: Permission denied");
    }

    @Test
    void binaryOutputIsBase64() {
        List<Reply> r = client.untilEnd(client.execArgs("printf", "\\377\\376\\n"));
        Reply out = r.stream().filter(x -> x.is("output") && !x.isEof()).findFirst().orElseThrow();
        assertEquals("base64", out.payload.get("io").get("encoding").asText());
        assertEquals("\u00ff\u00fe\n", out.data());
    }

    @Test
    void unbufferedOutputIsNotSplitIntoLines() {
        ObjectNode cmd = TestClient.cmd("printf", "a\\nb\\nc");
        cmd.with("opts").put("stdout_LINE_BUFFER", "false");
        List<Reply> r = client.untilEnd(client.exec(cmd));
        List<String> chunks = r.stream().filter(x -> x.is("output") && !x.isEof()).map(Reply::data)
                .collect(Collectors.toList());
        assertEquals("a\nb\nc", String.join("", chunks));
        assertTrue(chunks.size() < 3, chunks::toString);
    }

    @Test
    void partialLastLineIsDelivered() {
        List<Reply> r = client.untilEnd(client.execArgs("printf", "x\\ny"));
        assertEquals(List.of("x\n", "y"), r.stream().filter(x -> x.is("output") && !x.isEof()).map(Reply::data)
                .collect(Collectors.toList()));
    }

    @Test
    void manyShortTasks() {
        List<Message> ms = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ms.add(client.execArgs("/bin/echo", Integer.toString(i)));
        }
        for (int i = 0; i < ms.size(); i++) {
            List<Reply> r = client.untilEnd(ms.get(i));
            assertWellFormed(r, "stdout", "stderr");
            assertEquals(i + "\n", text(r, "stdout"));
        }
        assertEquals(0, client.call("list", null).get("procs").size());
    }

    private void write(Message exec, ObjectNode io) {
        ObjectNode p = obj("matchtag", exec.matchtag());
        p.set("io", io);
        server.handle(client.request("write", p, false).toBuilder()
                .setFlags(org.fluxj.formats.msg.MessageFlags.NORESPONSE).build());
    }
}
