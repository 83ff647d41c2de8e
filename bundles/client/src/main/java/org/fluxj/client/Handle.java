package org.fluxj.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.MessageType;

/**
 * A connection to a Flux broker (flux-core's {@code flux_t}): RPCs matched to their responses
 * by matchtag, streaming RPCs, and event subscriptions. One reader thread receives; any
 * thread may send.
 */
public final class Handle implements AutoCloseable {
    /** flux-core's default URI when FLUX_URI is not set: the system instance. */
    public static final String SYSTEM_URI = "local:///run/flux/local";

    private static final Message CLOSED = Message.event("handle.closed").build();

    private final String uri;
    private final Connector.Connection conn;
    private final AtomicInteger matchtags = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Message>> single = new ConcurrentHashMap<>();
    private final Map<Integer, BlockingQueue<Message>> streams = new ConcurrentHashMap<>();
    private final BlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile IOException failure;
    private final int testingUserid = envInt("FLUX_HANDLE_USERID", Message.USERID_UNKNOWN);
    private final int testingRolemask = envInt("FLUX_HANDLE_ROLEMASK", 0);

    private Handle(String uri, Connector.Connection conn) {
        this.uri = uri;
        this.conn = conn;
        this.reader = new Thread(this::readLoop, "flux-handle");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the broker named by FLUX_URI, or the system instance if it is not set. */
    public static Handle open() throws IOException {
        String u = System.getenv("FLUX_URI");
        return open(u == null || u.isEmpty() ? SYSTEM_URI : u);
    }

    /** Opens the broker a URI names, through the connector for its scheme. */
    public static Handle open(String uri) throws IOException {
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IOException(uri + ": malformed URI");
        }
        Connector c = connector(u.getScheme());
        try {
            return new Handle(uri, c.connect(u));
        } catch (IOException e) {
            String why = e instanceof FluxException ? e.getMessage() : errnoText(e);
            throw new IOException("cannot connect to " + uri + ": " + why, e);
        }
    }

    private static String errnoText(IOException e) {
        String m = e.getMessage();
        if (e instanceof SocketException && m != null) {
            if (m.contains("No such file")) {
                return Errno.ENOENT.message();
            }
            if (m.contains("Connection refused")) {
                return Errno.ECONNREFUSED.message();
            }
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static Connector connector(String scheme) throws IOException {
        if (scheme == null) {
            throw new IOException("URI has no scheme");
        }
        if (scheme.equals("local")) {
            return new LocalConnector(); // no service lookup on the common path
        }
        for (Connector c : ServiceLoader.load(Connector.class, Handle.class.getClassLoader())) {
            if (c.scheme().equals(scheme)) {
                return c;
            }
        }
        throw new IOException("no connector for URI scheme " + scheme + "://");
    }

    public String uri() {
        return uri;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends a message as it is (an event, a request wanting no response). As flux-core's
     * handle, FLUX_HANDLE_USERID and FLUX_HANDLE_ROLEMASK set the credential an instance owner's
     * messages carry, so that tests can act as a guest.
     */
    public void send(Message m) throws IOException {
        checkOpen();
        if (testingUserid != Message.USERID_UNKNOWN && m.userid() == Message.USERID_UNKNOWN) {
            m = m.withCred(testingUserid, testingRolemask);
        }
        conn.send(m);
    }

    private static int envInt(String name, int dflt) {
        String s = System.getenv(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return (int) Long.decode(s.strip()).longValue();
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private Message.Builder request(String topic, JsonNode payload, int nodeid) throws IOException {
        Message.Builder b = Message.request(topic);
        if (nodeid == Message.NODEID_UPSTREAM) { // RFC 3: this broker's rank, flagged upstream
            b.nodeid(rank()).setFlags(MessageFlags.UPSTREAM);
        } else {
            b.nodeid(nodeid);
        }
        if (payload != null) {
            b.payloadJson(payload);
        }
        return b;
    }

    private volatile int rank = -1;

    /** The rank of the broker this handle is connected to (flux_get_rank), fetched once. */
    public int rank() throws IOException {
        if (rank < 0) {
            ObjectNode o = Json.object();
            o.put("name", "rank");
            JsonNode v = rpcGetJson("attr.get", o, Message.NODEID_ANY);
            rank = Integer.parseInt(v.path("value").asText());
        }
        return rank;
    }

    /** An RPC (RFC 6): completes with the response, or fails with a {@link FluxException}. */
    public CompletableFuture<Message> rpc(String topic, JsonNode payload, int nodeid) {
        int tag = nextMatchtag();
        CompletableFuture<Message> f = new CompletableFuture<>();
        single.put(tag, f);
        try {
            send(request(topic, payload, nodeid).matchtag(tag).build());
        } catch (IOException e) {
            single.remove(tag);
            f.completeExceptionally(e);
        }
        return f;
    }

    /** An RPC with a raw payload (flux_rpc_raw), as RFC 10's content messages. */
    public CompletableFuture<Message> rpcRaw(String topic, byte[] payload, int nodeid) {
        int tag = nextMatchtag();
        CompletableFuture<Message> f = new CompletableFuture<>();
        single.put(tag, f);
        Message.Builder b = Message.request(topic).nodeid(nodeid).matchtag(tag);
        if (payload != null && payload.length > 0) {
            b.payload(payload);
        }
        try {
            send(b.build());
        } catch (IOException e) {
            single.remove(tag);
            f.completeExceptionally(e);
        }
        return f;
    }

    /** A blocking RPC to the nearest broker offering the service. */
    public Message rpcGet(String topic, JsonNode payload) throws IOException {
        return get(rpc(topic, payload, Message.NODEID_ANY));
    }

    /** A blocking RPC returning the response's JSON object payload. */
    public JsonNode rpcGetJson(String topic, JsonNode payload, int nodeid) throws IOException {
        Message m = get(rpc(topic, payload, nodeid));
        try {
            return m.payloadJson();
        } catch (FormatException e) {
            throw new FluxException(Errno.EPROTO.number(), topic + ": " + e.getMessage());
        }
    }

    /** Waits for an RPC's response: {@link Rpc#await(CompletableFuture)}. */
    public static Message get(CompletableFuture<Message> f) throws IOException {
        return Rpc.await(f);
    }

    /** flux_attr_get: a broker attribute's value; a FluxException (ENOENT if it is not set) otherwise. */
    public String getattr(String name) throws IOException {
        return rpcGetJson("attr.get", Json.object().put("name", name), Message.NODEID_ANY).path("value").asText();
    }

    /** An attribute that may not be set: its value, or null if it is not (ENOENT). */
    public String findattr(String name) throws IOException {
        try {
            return getattr(name);
        } catch (FluxException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
    }

    /** A streaming RPC: its responses are read with {@link StreamingRpc#next()}. */
    public StreamingRpc rpcStreaming(String topic, JsonNode payload, int nodeid) throws IOException {
        int tag = nextMatchtag();
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        streams.put(tag, q);
        send(request(topic, payload, nodeid).matchtag(tag).streaming().build());
        return new StreamingRpc(this, tag, q);
    }

    void forget(int matchtag) {
        streams.remove(matchtag);
    }

    private int nextMatchtag() {
        int t = matchtags.getAndIncrement();
        return t == 0 ? matchtags.getAndIncrement() : t;
    }

    // ---------------------------------------------------------------- events

    /** Subscribes to events whose topic starts with {@code topic} (flux_event_subscribe). */
    public void subscribe(String topic) throws IOException {
        ObjectNode o = Json.object();
        o.put("topic", topic);
        rpcGet("event.subscribe", o);
    }

    public void unsubscribe(String topic) throws IOException {
        ObjectNode o = Json.object();
        o.put("topic", topic);
        rpcGet("event.unsubscribe", o);
    }

    /** The next event received; blocks; null once the handle is closed. */
    public Message nextEvent() throws IOException {
        Message m = take(events);
        if (m == CLOSED) {
            events.add(CLOSED);
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return m;
    }

    static Message take(BlockingQueue<Message> q) throws IOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Publishes an event through the broker (flux_event_publish): returns its sequence number. */
    public int publish(String topic, byte[] payload, int flags) throws IOException {
        ObjectNode o = Json.object();
        o.put("topic", topic);
        o.put("flags", flags);
        if (payload != null) {
            o.put("payload", Base64.getEncoder().encodeToString(payload));
        }
        return rpcGetJson("event.publish", o, 0).path("seq").asInt();
    }

    // ---------------------------------------------------------------- receiving

    private void readLoop() {
        try {
            for (Message m = conn.receive(); m != null; m = conn.receive()) {
                dispatch(m);
            }
            failure = new IOException("broker closed the connection");
        } catch (IOException e) {
            failure = e;
        }
        IOException why = failure;
        single.values().forEach(f -> f.completeExceptionally(why));
        single.clear();
        streams.values().forEach(q -> q.add(CLOSED));
        events.add(CLOSED);
    }

    private void dispatch(Message m) {
        if (m.type() == MessageType.EVENT) {
            events.add(m);
        } else if (m.type() == MessageType.RESPONSE) {
            int tag = m.matchtag();
            BlockingQueue<Message> q = streams.get(tag);
            if (q != null) {
                q.add(m);
                return;
            }
            CompletableFuture<Message> f = single.remove(tag);
            if (f != null) {
                if (m.errnum() != 0) {
                    f.completeExceptionally(error(m));
                } else {
                    f.complete(m);
                }
            }
        }
    }

    static FluxException error(Message m) {
        String text;
        try {
            text = m.errorString();
        } catch (FormatException e) {
            text = null;
        }
        return new FluxException(m.errnum(), text);
    }

    IOException failure() {
        return failure != null ? failure : new IOException("handle closed");
    }

    static boolean isClosed(Message m) {
        return m == CLOSED;
    }

    private void checkOpen() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        conn.close();
    }
}
