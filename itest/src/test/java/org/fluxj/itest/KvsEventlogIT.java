package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.StreamingRpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.TreeObj;
import org.junit.jupiter.api.Test;

/**
 * {@code flux kvs eventlog get|wait-event} with {@code -H} and {@code -L} (flux-core's
 * t1008-kvs-eventlog.t), {@code --stream} (t1007-kvs-lookup-watch.t), and the
 * {@code kvs.setroot-pause} test hook (t1000, t1001).
 */
class KvsEventlogIT {
    private static final int STREAM = 512;
    private static final int WATCH = 4;
    private static final int WATCH_APPEND = 256;
    private static final int WAITCREATE = 8;

    private static FluxCli.Result utc(Instance b, String... args) {
        return FluxCli.runWithInput(null, Map.of("FLUX_URI", b.uri(), "TZ", "UTC"), args);
    }

    private static boolean hasColor(String s) {
        return s.contains("\u001b[");
    }

    @Test
    void humanAndColorPrintAsFluxCore() throws Exception {
        try (TestBroker b = new TestBroker()) {
            b.ok("kvs", "eventlog", "append", "--timestamp=120", "test.human", "primus");
            b.ok("kvs", "eventlog", "append", "--timestamp=121", "test.human", "secondus", "{\"n\":1,\"s\":\"x\"}");
            FluxCli.Result r = utc(b, "kvs", "eventlog", "get", "--human", "test.human");
            assertEquals("[Jan01 00:02] primus\n[  +1.000000] secondus n=1 s=\"x\"\n", r.out(), r.err());
            r = utc(b, "kvs", "eventlog", "wait-event", "-v", "--human", "test.human", "secondus");
            assertEquals("[Jan01 00:02] primus\n[  +1.000000] secondus n=1 s=\"x\"\n", r.out(), r.err());
            assertEquals("120.000000 primus\n121.000000 secondus n=1 s=\"x\"\n", b.ok("kvs", "eventlog", "get", "test.human"));

            // -L and --color without WHEN mean always; the key after -L is the key, not WHEN
            String colored = "\u001b[1m\u001b[32m[Jan01 00:02]\u001b[0m \u001b[33mprimus\u001b[0m\n"
                    + "\u001b[32m[  +1.000000]\u001b[0m \u001b[33msecondus\u001b[0m"
                    + " \u001b[34mn\u001b[0m=\u001b[37m1\u001b[0m \u001b[34ms\u001b[0m=\u001b[35m\"x\"\u001b[0m\n";
            for (String opt : List.of("-L", "-Lalways", "--color", "--color=always")) {
                r = utc(b, "kvs", "eventlog", "get", "-H", opt, "test.human");
                assertEquals(colored, r.out(), opt + ": " + r.err());
                r = utc(b, "kvs", "eventlog", "wait-event", opt, "test.human", "primus");
                assertEquals("\u001b[32m120.000000\u001b[0m \u001b[33mprimus\u001b[0m\n", r.out(), opt + ": " + r.err());
            }
            // not a terminal: no color by default or with auto; never is never
            for (String opt : List.of("--color=auto", "--color=never", "-Lnever", "-H")) {
                r = b.flux("kvs", "eventlog", "get", opt, "test.human");
                assertEquals(0, r.status(), r.err());
                assertFalse(hasColor(r.out()), opt);
            }

            // bad input: one line, status 1
            for (String cmd : List.of("get", "wait-event")) {
                List<String> tail = cmd.equals("get") ? List.of("test.human") : List.of("test.human", "primus");
                r = b.flux(concat(List.of("kvs", "eventlog", cmd, "--color=foo"), tail));
                assertEquals(1, r.status());
                assertEquals("flux-kvs: Invalid argument to --color: 'foo'\n", r.err());
                for (List<String> opts : List.of(List.of("-Hu"), List.of("-u", "--color=always"), List.of("-u", "-L"))) {
                    List<String> args = new ArrayList<>(List.of("kvs", "eventlog", cmd));
                    args.addAll(opts);
                    r = b.flux(concat(args, tail));
                    assertEquals(1, r.status(), opts.toString());
                    assertEquals("flux-kvs: Do not specify --unformatted with --human or --color=always\n", r.err());
                }
            }
            r = b.flux("kvs", "eventlog", "get", "-u", "--color=never", "test.human");
            assertEquals("{\"timestamp\":120.0,\"name\":\"primus\"}\n"
                    + "{\"timestamp\":121.0,\"name\":\"secondus\",\"context\":{\"n\":1,\"s\":\"x\"}}\n", r.out(), r.err());

            // not an eventlog
            b.ok("kvs", "put", "test.noteventlog=foo");
            r = b.flux("kvs", "eventlog", "get", "test.noteventlog");
            assertEquals("flux-kvs: cannot decode improperly formatted eventlog\n", r.err());
            assertEquals(1, r.status());
            r = b.flux("kvs", "eventlog", "wait-event", "test.noteventlog", "foo");
            assertEquals("flux-kvs: cannot decode improperly formatted eventlog\n", r.err());
            r = b.flux("kvs", "eventlog", "wait-event", "test.nothere", "foo");
            assertEquals("flux-kvs: eventlog path test.nothere not found\n", r.err());

            // on a terminal (script(1) gives the command one), color is on unless --color=never
            Path script = Path.of("/usr/bin/script");
            assumeTrue(Files.isExecutable(script), "script(1) is not installed");
            for (String opt : List.of("", "--color=auto", "-H", "--color=never")) {
                String cmd = FluxCli.root().resolve("bin/flux") + " kvs eventlog get " + opt + " test.human";
                FluxCli.Result t = runOnTerminal(b, cmd);
                assertEquals(0, t.status(), t.err());
                assertTrue(t.out().contains("primus"), t.out());
                assertEquals(!opt.equals("--color=never"), hasColor(t.out()), opt + ": " + t.out());
            }
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }

    private static FluxCli.Result runOnTerminal(Instance b, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(FluxCli.defaultSignals("/usr/bin/script", "-qec", command, "/dev/null"));
        pb.environment().put("FLUX_URI", b.uri());
        pb.environment().remove("NO_COLOR");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Path out = Files.createTempFile("pty-out", ".txt");
        Path err = Files.createTempFile("pty-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            int status = p.waitFor();
            return new FluxCli.Result(status, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A kvs-watch.lookup with FLUX_KVS_STREAM: every response's value, up to ENODATA. */
    private static List<byte[]> streamed(Handle h, String key, int flags) throws Exception {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("namespace", "primary");
        o.put("flags", flags);
        StreamingRpc s = h.rpcStreaming("kvs-watch.lookup", o, Message.NODEID_ANY);
        List<byte[]> parts = new ArrayList<>();
        for (Message m = s.next(); m != null; m = s.next()) {
            parts.add(((TreeObj.Val) TreeObj.fromJson(m.payloadObject().get("val"))).data());
            if ((flags & WATCH) != 0 && parts.size() == 7) {
                break;
            }
        }
        return parts;
    }

    /** One commit appending to a key (the op flag FLUX_KVS_APPEND). */
    private static void append(Handle h, String key, String data) throws Exception {
        Handle.get(Kvs.commitAsync(h, Kvs.PRIMARY, 0, new KvsTxn().append(key, data.getBytes(StandardCharsets.UTF_8))));
    }

    private static String joined(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void streamAnswersOnePartPerBlobThenEndsWithEnodata() throws Exception {
        try (TestBroker b = new TestBroker(); Handle h = Handle.open(b.uri())) {
            b.ok("kvs", "put", "big=abc");
            StringBuilder whole = new StringBuilder("abc");
            for (int i = 1; i <= 12; i++) {
                append(h, "big", "-" + i + "-"); // as flux kvs put --append, without a process each
                whole.append('-').append(i).append('-');
            }
            String treeobj = b.ok("kvs", "get", "--treeobj", "big");
            assertTrue(treeobj.contains("\"valref\""), treeobj);
            List<byte[]> parts = streamed(h, "big", STREAM);
            assertEquals(13, parts.size(), "one response per blob");
            assertEquals("abc", new String(parts.get(0), StandardCharsets.UTF_8));
            assertEquals(whole.toString(), joined(parts));
            assertEquals(joined(parts), joined(streamed(h, "big", STREAM | WAITCREATE)));
            // a plain val is one part
            b.ok("kvs", "put", "small=42");
            assertEquals(List.of("42"), streamed(h, "small", STREAM).stream()
                    .map(p -> new String(p, StandardCharsets.UTF_8)).toList());
            // a directory cannot be streamed
            b.ok("kvs", "mkdir", "adir");
            try {
                streamed(h, "adir", STREAM);
                throw new AssertionError("streaming a directory did not fail");
            } catch (FluxException e) {
                assertTrue(e.is(Errno.EISDIR), e.getMessage());
            }

            // the command prints the parts one after the other, then one newline: as without --stream
            assertEquals(whole + "\n", b.ok("kvs", "get", "--stream", "big"));
            assertEquals(b.ok("kvs", "get", "big"), b.ok("kvs", "get", "--stream", "big"));
            assertEquals(b.ok("kvs", "get", "small"), b.ok("kvs", "get", "-S", "small"));
            assertEquals("42\n", b.ok("kvs", "get", "--stream", "--waitcreate", "small"));
            b.ok("kvs", "put", "empty=");
            assertEquals("", b.ok("kvs", "get", "empty"));
            assertEquals("", b.ok("kvs", "get", "--stream", "empty"));

            // an eventlog of many appends
            b.ok("kvs", "eventlog", "append", "--timestamp=1", "log", "event1", "{\"i\":1}");
            for (int i = 2; i <= 10; i++) { // as flux kvs eventlog append
                append(h, "log", "{\"timestamp\":" + i + ".0,\"name\":\"event" + i + "\",\"context\":{\"i\":" + i + "}}\n");
            }
            assertEquals(10, streamed(h, "log", STREAM).size());
            String full = b.ok("kvs", "eventlog", "get", "log");
            assertEquals(10, full.lines().count());
            assertEquals(full, b.ok("kvs", "eventlog", "get", "--stream", "log"));
            assertEquals(b.ok("kvs", "eventlog", "get", "-u", "log"), b.ok("kvs", "eventlog", "get", "-S", "-u", "log"));
            assertEquals(b.ok("kvs", "get", "log"), b.ok("kvs", "get", "--stream", "log"));
            assertEquals(full, b.ok("kvs", "eventlog", "get", "--stream", "--waitcreate", "log"));

            // a key that is not there: the same error with and without --stream
            for (List<String> cmd : List.of(List.of("kvs", "get"), List.of("kvs", "eventlog", "get"))) {
                List<String> plain = new ArrayList<>(cmd);
                plain.add("nothere");
                List<String> stream = new ArrayList<>(cmd);
                stream.addAll(List.of("--stream", "nothere"));
                FluxCli.Result p = b.flux(plain.toArray(new String[0]));
                FluxCli.Result s = b.flux(stream.toArray(new String[0]));
                assertEquals(1, p.status());
                assertEquals("flux-kvs: nothere: No such file or directory\n", p.err());
                assertEquals(p, s);
            }
            FluxCli.Result r = b.flux("kvs", "eventlog", "get", "--watch", "--stream", "log");
            assertEquals(1, r.status());
            assertEquals("flux-kvs: --watch and --stream cannot be used together\n", r.err());
            r = b.flux("kvs", "get", "--watch", "--stream", "small");
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("flux-kvs: ") && r.err().contains("watch and stream"), r.err());

            // WATCH_APPEND answers per blob too: two appends in one commit are two responses
            b.ok("kvs", "put", "w=abc");
            b.ok("kvs", "put", "--append", "w=d", "w=e");
            b.ok("kvs", "put", "--append", "w=f", "w=g");
            b.ok("kvs", "put", "--append", "w=h", "w=i");
            assertEquals(List.of("abc", "d", "e", "f", "g", "h", "i"), streamed(h, "w", WATCH | WATCH_APPEND).stream()
                    .map(p -> new String(p, StandardCharsets.UTF_8)).toList());
        }
    }

    /** kvs.setroot-pause or -unpause of a namespace, through the broker h is connected to. */
    private static Message setroot(Handle h, String topic, String namespace) throws Exception {
        return Handle.get(h.rpc(topic, Json.object().put("namespace", namespace), Message.NODEID_ANY));
    }

    @Test
    void setrootPauseHoldsCommitAnswersUntilUnpause() throws Exception {
        try (TestInstance in = new TestInstance(2); Handle h0 = Handle.open(in.uri()); Handle h1 = Handle.open(in.uri(1))) {
            for (Handle h : List.of(h0, h1)) {
                for (String topic : List.of("kvs.setroot-pause", "kvs.setroot-unpause")) {
                    FluxException e = expectError(() -> Handle.get(h.rpc(topic, null, Message.NODEID_ANY)));
                    assertTrue(e.is(Errno.EPROTO), topic + ": " + e.getMessage());
                    e = expectError(() -> setroot(h, topic, "illegalnamespace"));
                    assertTrue(e.is(Errno.ENOTSUP), topic + ": " + e.getMessage());
                }
                // pause then unpause with nothing in between (t1001 "pause / unpause works")
                setroot(h, "kvs.setroot-pause", "primary");
                setroot(h, "kvs.setroot-unpause", "primary");
            }

            // paused on rank 1: a commit made through rank 1 is applied, its answer held;
            // one made through rank 0 is answered
            setroot(h1, "kvs.setroot-pause", "primary");
            var held = KvsClient.put(h1, "a", "1");
            Handle.get(KvsClient.put(h0, "b", "2"));
            // once rank 1 sees the value, its answer (sent with the new root, before any later
            // reply on this connection) would be here, had it not been held
            appliedAsSeenBy(h1, "a", "1");
            assertFalse(held.isDone(), "the answer to a commit through a paused rank was sent");
            setroot(h1, "kvs.setroot-unpause", "primary");
            assertTrue(Handle.get(held).payloadObject().get("rootseq").asLong() > 0);

            // paused on rank 0: the same for commits made there
            setroot(h0, "kvs.setroot-pause", "primary");
            var first = KvsClient.put(h0, "c", "3");
            var second = KvsClient.put(h0, "c", "4");
            appliedAsSeenBy(h0, "c", "4");
            assertFalse(first.isDone() || second.isDone(), "answers were sent while paused");
            setroot(h0, "kvs.setroot-unpause", "primary");
            long s1 = Handle.get(first).payloadObject().get("rootseq").asLong();
            long s2 = Handle.get(second).payloadObject().get("rootseq").asLong();
            assertTrue(s1 <= s2, s1 + " then " + s2);

            // another namespace: pausing it does not hold the primary namespace's commits
            in.ok("kvs", "namespace", "create", "other");
            setroot(h0, "kvs.setroot-pause", "other");
            Handle.get(KvsClient.put(h0, "d", "5"));
            var inOther = Kvs.commitAsync(h0, "other", 0, new KvsTxn().put("x", "y"));
            TestInstance.await(() -> "y".equals(in.flux("kvs", "get", "-N", "other", "x").out().strip()),
                    "x in namespace other");
            assertEquals("5", KvsClient.get(h0, "d")); // a round trip on h0 after the commit was applied
            assertFalse(inOther.isDone());
            // removing a paused namespace sends the answers it held
            in.ok("kvs", "namespace", "remove", "other");
            Handle.get(inOther);
        }
    }

    /** Waits until the primary namespace's key has the value in a lookup through h. */
    private static void appliedAsSeenBy(Handle h, String key, String value) {
        TestInstance.await(() -> {
            try {
                return value.equals(KvsClient.get(h, key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, key + "=" + value);
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private static FluxException expectError(Call c) throws Exception {
        try {
            c.run();
        } catch (FluxException e) {
            return e;
        }
        throw new AssertionError("no error");
    }
}
