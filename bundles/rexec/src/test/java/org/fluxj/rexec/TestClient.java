package org.fluxj.rexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;

/**
 * A client of a real {@link SubprocessServer}, as a broker would hand its requests over: each
 * client has its own route (sender) and matchtags. Responses are collected per request; every
 * wait is bounded so that a broken server fails a test rather than hanging it.
 */
final class TestClient {
    /** How long any one response may take before the test fails (a guard, not a time limit). */
    static final long GUARD_SECONDS = 60;
    private static final AtomicInteger MATCHTAGS = new AtomicInteger(1);

    /** The responses of every request, by matchtag (shared by all clients of a server). */
    static final class Replies implements Responder {
        final Map<Integer, BlockingQueue<Reply>> queues = new ConcurrentHashMap<>();
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();

        /** A server log that keeps what it is given. */
        ServerLog serverLog() {
            return (severity, text) -> log.add(text);
        }

        BlockingQueue<Reply> of(Message request) {
            return queues.computeIfAbsent(request.matchtag(), k -> new LinkedBlockingQueue<>());
        }

        @Override
        public void respond(Message request, JsonNode payload) {
            of(request).add(new Reply(payload, 0, null));
        }

        @Override
        public void respondError(Message request, int errnum, String text) {
            of(request).add(new Reply(null, errnum, text));
        }
    }

    final SubprocessServer server;
    final Replies replies;
    final String route;

    TestClient(SubprocessServer server, Replies replies, String route) {
        this.server = server;
        this.replies = replies;
        this.route = route;
    }

    static ObjectNode cmd(String... argv) {
        ObjectNode c = Json.object();
        ArrayNode a = c.putArray("cmdline");
        for (String s : argv) {
            a.add(s);
        }
        c.putObject("env");
        c.putObject("opts");
        c.putArray("channels");
        return c;
    }

    static ObjectNode execPayload(ObjectNode cmd, int flags) {
        ObjectNode o = Json.object();
        o.set("cmd", cmd);
        o.put("flags", flags);
        return o;
    }

    Message request(String method, ObjectNode payload, boolean streaming) {
        Message.Builder b = Message.request("rexec." + method).matchtag(MATCHTAGS.getAndIncrement()).pushRoute(route);
        if (payload != null) {
            b.payloadJson(payload);
        }
        if (streaming) {
            b.setFlags(MessageFlags.STREAMING);
        }
        Message m = b.build();
        replies.of(m);
        return m;
    }

    Message send(String method, ObjectNode payload, boolean streaming) {
        Message m = request(method, payload, streaming);
        server.handle(m);
        return m;
    }

    /** A streaming (foreground) exec forwarding stdout and stderr. */
    Message exec(ObjectNode cmd) {
        return send("exec", execPayload(cmd, RexecFlags.STDOUT | RexecFlags.STDERR), true);
    }

    Message execArgs(String... argv) {
        return exec(cmd(argv));
    }

    /** A background exec; returns its pid. */
    int background(ObjectNode cmd, int flags) {
        Message m = send("exec", execPayload(cmd, flags), false);
        Reply r = next(m);
        assertTrue(r.is("started"), () -> "expected started, got " + r);
        return r.payload.get("pid").asInt();
    }

    Reply next(Message request) {
        try {
            Reply r = replies.of(request).poll(GUARD_SECONDS, TimeUnit.SECONDS);
            assertNotNull(r, "no response to " + request.topic() + " within " + GUARD_SECONDS + "s");
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Every response up to and including the one that ends the stream (any error). */
    List<Reply> untilEnd(Message request) {
        List<Reply> all = new ArrayList<>();
        for (;;) {
            Reply r = next(request);
            all.add(r);
            if (r.isError()) {
                return all;
            }
        }
    }

    /** The next response, which must be a success; returns its payload. */
    JsonNode call(String method, ObjectNode payload) {
        Reply r = next(send(method, payload, false));
        if (r.isError()) {
            fail(method + " failed: " + r);
        }
        return r.payload;
    }

    /** The error of a request that must fail. */
    Reply error(String method, ObjectNode payload, boolean streaming) {
        Reply r = next(send(method, payload, streaming));
        assertTrue(r.isError(), () -> method + " should have failed, got " + r);
        return r;
    }

    static void assertError(Reply r, Errno errno, String text) {
        assertEquals(errno.number(), r.errnum, () -> "errno of " + r);
        if (text != null) {
            assertEquals(text, r.text);
        }
    }

    void disconnect() {
        server.handle(Message.request("rexec.disconnect").pushRoute(route).setFlags(MessageFlags.NORESPONSE).build());
    }

    static ObjectNode obj(Object... kv) {
        ObjectNode o = Json.object();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], Json.mapper().valueToTree(kv[i + 1]));
        }
        return o;
    }

    /** Everything the stream wrote to {@code stream}, concatenated. */
    static String text(List<Reply> replies, String stream) {
        StringBuilder sb = new StringBuilder();
        for (Reply r : replies) {
            if (r.is("output") && r.stream().equals(stream)) {
                sb.append(r.data());
            }
        }
        return sb.toString();
    }

    static int finishedStatus(List<Reply> replies) {
        for (Reply r : replies) {
            if (r.is("finished")) {
                return r.payload.get("status").asInt();
            }
        }
        throw new AssertionError("no finished response in " + replies);
    }

    /** A stream as RFC 42 wants it: started first, finished and EOFs before ENODATA, ENODATA last. */
    static void assertWellFormed(List<Reply> replies, String... eofStreams) {
        assertTrue(replies.get(0).is("started") || replies.get(0).is("attached") || replies.get(0).is("add-credit"),
                () -> "first response " + replies.get(0));
        Reply last = replies.get(replies.size() - 1);
        assertEquals(Errno.ENODATA.number(), last.errnum, () -> "stream ends with " + last);
        assertEquals(1, replies.stream().filter(r -> r.is("finished")).count(), () -> "one finished in " + replies);
        for (String s : eofStreams) {
            assertEquals(1, replies.stream().filter(r -> r.isEof() && r.stream().equals(s)).count(),
                    () -> "one EOF for " + s + " in " + replies);
        }
    }
}
