package org.fluxj.module.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.MessageHandler;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.RequestHandler;
import org.fluxj.kernel.api.Severity;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.TopicGlob;

/**
 * A {@link ModuleContext} without a broker, for unit tests of a module's handlers. The test is
 * the module's thread: every callback runs on the thread that calls {@link #start},
 * {@link #call}, {@link #runUntilIdle} or {@link #runUntil}, in the order it was queued, so a
 * test is deterministic. Work a module hands over from its own threads ({@link #execute}) waits
 * in the queue until the test runs it.
 *
 * <p>It records what the module answers ({@link #responses}), publishes ({@link #events}),
 * sends ({@link #sent}) and logs ({@link #logs}); it answers the module's own requests from
 * services the test gives ({@link #answer}, {@link #answerRaw}), with ENOSYS for any other
 * topic, as the broker's router would; timers run on a clock the test moves ({@link #advance}).
 */
public final class ModuleFixture implements ModuleContext {

    /** A service the module calls, answering with a JSON payload (null: none). */
    @FunctionalInterface
    public interface JsonService {
        /** Throw a {@link RequestException} to answer with an error. */
        JsonNode handle(Message request) throws Exception;
    }

    /** A service the module calls, answering with a raw payload (RFC 10's blobs and digests). */
    @FunctionalInterface
    public interface RawService {
        byte[] handle(Message request) throws Exception;
    }

    /** A line the module logged. */
    public record LogEntry(int severity, String text) {
    }

    /** A test's service, as the fixture holds it. */
    private interface Service {
        Message.Builder handle(Message request) throws Exception;
    }

    /** A callback queued for the module's thread. */
    private interface Task {
        void run() throws Exception;
    }

    private record Handler(TopicGlob glob, int roles, RequestHandler handler) {
    }

    private record EventSub(String prefix, int roles, MessageHandler handler) {
    }

    private final class Timed implements Timer, Comparable<Timed> {
        final Runnable task;
        final long period;
        final long seq = timerSeq++;
        long due;
        boolean cancelled;

        Timed(long due, long period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timed o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Map<String, String> attributes = new ConcurrentHashMap<>();
    private final List<Handler> handlers = new ArrayList<>();
    private final Set<String> services = new HashSet<>();
    private final List<EventSub> subscriptions = new ArrayList<>();
    private final List<MessageHandler> configHandlers = new ArrayList<>();
    private final Map<String, Service> answers = new HashMap<>();
    private final Map<Integer, FixtureRpc> rpcs = new HashMap<>();
    private final List<Message> responses = new ArrayList<>();
    private final List<Message> events = new ArrayList<>();
    private final List<Message> sent = new ArrayList<>();
    private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>();
    private String name = "";
    private int rank;
    private int size = 1;
    private List<String> args = List.of();
    private JsonNode config = Json.object();
    private int debugFlags;
    private MessageHandler routed;
    private int nextMatchtag = 1;
    private int nextRequestTag = 1;
    private long timerSeq;
    private long now;

    // ---------------------------------------------------------------- setting up

    /** This broker's rank (0 by default) and the instance size (1). */
    public ModuleFixture rank(int rank, int size) {
        this.rank = rank;
        this.size = size;
        return this;
    }

    /** The module's load arguments. */
    public ModuleFixture args(String... args) {
        this.args = List.of(args);
        return this;
    }

    /** Sets a broker attribute the module may read. */
    public ModuleFixture attribute(String attr, String value) {
        attributes.put(attr, value);
        return this;
    }

    /** The instance configuration the module starts with (JSON text, as TOML tables map to it). */
    public ModuleFixture config(String json) {
        config = parse(json);
        return this;
    }

    /** Answers the module's requests to {@code topic} with a JSON payload. */
    public ModuleFixture answer(String topic, JsonService service) {
        answers.put(topic, m -> {
            JsonNode p = service.handle(m);
            return p == null ? Message.responseTo(m) : Message.responseTo(m).payloadJson(p);
        });
        return this;
    }

    /** Answers the module's requests to {@code topic} with a raw payload. */
    public ModuleFixture answerRaw(String topic, RawService service) {
        answers.put(topic, m -> {
            byte[] p = service.handle(m);
            return p == null || p.length == 0 ? Message.responseTo(m) : Message.responseTo(m).payload(p);
        });
        return this;
    }

    /** Starts the module on this thread, then runs what it queued. */
    public <M extends BrokerModule> M start(M module) throws Exception {
        name = module.name();
        module.start(this);
        runUntilIdle();
        return module;
    }

    // ---------------------------------------------------------------- driving

    /** Sends the module a request from the instance owner; returns its first response. */
    public Message call(String topic, JsonNode payload) {
        Message.Builder b = Message.request(topic);
        if (payload != null) {
            b.payloadJson(payload);
        }
        return call(b);
    }

    /** {@link #call(String, JsonNode)} with the payload as JSON text (null: none). */
    public Message call(String topic, String json) {
        return call(topic, json == null ? null : parse(json));
    }

    /** {@link #call(String, JsonNode)} with a raw payload. */
    public Message callRaw(String topic, byte[] payload) {
        Message.Builder b = Message.request(topic);
        if (payload.length > 0) {
            b.payload(payload);
        }
        return call(b);
    }

    /**
     * Sends a request built by the test (a guest's credential, streaming flags) and runs until
     * the module is idle; returns its first response. An unset credential becomes the owner's.
     */
    public Message call(Message.Builder request) {
        Message m = submit(request);
        List<Message> r = responsesTo(m);
        if (r.isEmpty()) {
            throw new IllegalStateException(m.topic() + ": no response (see pending() and sent())");
        }
        return r.get(0);
    }

    /** Delivers a request and runs until idle, without expecting a response yet. */
    public Message submit(Message.Builder request) {
        Message m = request.build();
        if (m.userid() == Message.USERID_UNKNOWN) {
            m = m.withCred(ownerUid(), Roles.OWNER | Roles.LOCAL);
        }
        if (m.matchtag() == Message.MATCHTAG_NONE && !m.isNoResponse()) {
            m = m.toBuilder().matchtag(nextRequestTag++).build();
        }
        Message delivered = m;
        queue.add(() -> dispatch(delivered));
        runUntilIdle();
        return delivered;
    }

    /** The responses the module sent so far to a request of the test's. */
    public List<Message> responsesTo(Message request) {
        List<Message> out = new ArrayList<>();
        for (Message r : responses) {
            if (r.matchtag() == request.matchtag() && request.topic().equals(r.topic())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Delivers an event the instance owner published to the module's subscriptions, then runs until idle. */
    public void event(String topic, JsonNode payload) {
        event(ownerUid(), Roles.OWNER | Roles.LOCAL, topic, payload);
    }

    /** Delivers an event published with this credential (a guest's, say), then runs until idle. */
    public void event(int userid, int rolemask, String topic, JsonNode payload) {
        Message.Builder b = Message.event(topic).cred(userid, rolemask);
        if (payload != null) {
            b.payloadJson(payload);
        }
        Message e = b.build();
        queue.add(() -> deliverEvent(e));
        runUntilIdle();
    }

    /** Delivers a response routed past the module (to {@code onRouted}), then runs until idle. */
    public void route(Message message) {
        queue.add(() -> {
            if (routed != null) {
                routed.handle(message);
            }
        });
        runUntilIdle();
    }

    /**
     * A configuration change as {@code flux config load} makes it: the module's handlers run
     * with {@link #config()} the new one; if one throws, the old one is restored and the
     * refusal is thrown.
     */
    public void reloadConfig(String json) throws Exception {
        JsonNode old = config;
        config = parse(json);
        Message m = Message.request("config.reload").build();
        try {
            for (MessageHandler h : List.copyOf(configHandlers)) {
                h.handle(m);
            }
        } catch (Exception e) {
            config = old;
            throw e;
        }
        runUntilIdle();
    }

    /** Moves the clock on, running the timers that fall due, in order. */
    public void advance(Duration d) {
        long until = now + d.toNanos();
        while (!timers.isEmpty() && timers.peek().due <= until) {
            Timed t = timers.poll();
            now = t.due;
            if (t.cancelled) {
                continue;
            }
            if (t.period > 0) {
                t.due += t.period;
                timers.add(t);
            }
            queue.add(t.task::run);
            runUntilIdle();
        }
        now = until;
    }

    /** Runs every queued callback, and what they queue, until nothing is left. */
    public void runUntilIdle() {
        Task t;
        while ((t = queue.poll()) != null) {
            run(t);
        }
    }

    /**
     * Runs callbacks until {@code condition} holds, waiting for work the module's own threads
     * hand over ({@link #execute}); the test's time limit bounds the wait.
     */
    public void runUntil(BooleanSupplier condition) throws InterruptedException {
        runUntilIdle();
        while (!condition.getAsBoolean()) {
            run(queue.take());
            runUntilIdle();
        }
    }

    // ---------------------------------------------------------------- what the module did

    /** Every response the module sent, in order. */
    public List<Message> responses() {
        return List.copyOf(responses);
    }

    /** Every event the module published, in order. */
    public List<Message> events() {
        return List.copyOf(events);
    }

    /** Every request the module sent (with {@link #rpc} or {@link #send}), in order. */
    public List<Message> sent() {
        return List.copyOf(sent);
    }

    /** The module's requests to {@code topic}, in order. */
    public List<Message> sent(String topic) {
        return sent.stream().filter(m -> topic.equals(m.topic())).toList();
    }

    public List<LogEntry> logs() {
        return List.copyOf(logs);
    }

    /** Whether a log line contains {@code text}. */
    public boolean logged(String text) {
        return logs.stream().anyMatch(l -> l.text().contains(text));
    }

    /** The services the module registered besides its own name. */
    public Set<String> services() {
        return Set.copyOf(services);
    }

    /** The module's RPCs still waiting for a response. */
    public int pending() {
        return rpcs.size();
    }

    /** The error a response carries, or null if it is not one. */
    public static RequestException error(Message response) {
        return response.errnum() == 0 ? null : RequestException.of(response);
    }

    /**
     * Checks that a response is an error with this errno and, unless {@code text} is null, this
     * error string; an {@link AssertionError} otherwise, as a test framework's assertion.
     */
    public static void assertError(Errno errno, String text, Message response) {
        RequestException e = error(response);
        if (e == null || e.errno() != errno || (text != null && !text.equals(e.getMessage()))) {
            throw new AssertionError(response.topic() + ": expected " + errno + (text == null ? "" : " \"" + text + "\"")
                    + ", got " + (e == null ? "success" : e.errno() + " \"" + e.getMessage() + "\""));
        }
    }

    /** A response's JSON payload. */
    public static JsonNode json(Message response) {
        try {
            return response.payloadJson();
        } catch (Exception e) {
            throw new IllegalStateException(response.topic() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- ModuleContext

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<String> args() {
        return args;
    }

    @Override
    public void onRequest(String topicGlob, int roles, RequestHandler handler) {
        handlers.add(new Handler(new TopicGlob(topicGlob), roles, handler));
    }

    @Override
    public void registerService(String service) {
        services.add(service);
    }

    @Override
    public Rpc rpc(Message request) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("not a request: " + request.type());
        }
        Message m = request.isNoResponse() ? request : request.toBuilder().matchtag(nextMatchtag++).build();
        sent.add(m);
        FixtureRpc rpc = new FixtureRpc(() -> rpcs.remove(m.matchtag()));
        if (!m.isNoResponse()) {
            rpcs.put(m.matchtag(), rpc);
        }
        queue.add(() -> serve(m));
        return rpc;
    }

    @Override
    public Registration onEvent(String prefix, int roles, MessageHandler handler) {
        EventSub s = new EventSub(prefix, roles, handler);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    @Override
    public void send(Message message) {
        switch (message.type()) {
            case RESPONSE -> responses.add(message);
            case EVENT -> {
                Message own = message.userid() == Message.USERID_UNKNOWN
                        ? message.withCred(ownerUid(), Roles.OWNER | Roles.LOCAL) : message; // as the router stamps it
                events.add(own);
                queue.add(() -> deliverEvent(own)); // the module hears its own events too
            }
            default -> sent.add(message);
        }
    }

    @Override
    public void onRouted(MessageHandler handler) {
        routed = handler;
    }

    @Override
    public Optional<String> attribute(String attr) {
        return Optional.ofNullable(attributes.get(attr));
    }

    @Override
    public void setAttribute(String attr, String value) {
        attributes.put(attr, value);
    }

    @Override
    public JsonNode config() {
        return config;
    }

    @Override
    public void onConfigReload(MessageHandler handler) {
        configHandlers.add(handler);
    }

    /** Sets what {@link #debugFlags()} returns, as {@code flux module debug} would. */
    public void debugFlags(int flags) {
        debugFlags = flags;
    }

    @Override
    public int debugFlags() {
        return debugFlags;
    }

    @Override
    public void log(int severity, String format, Object... a) {
        logs.add(new LogEntry(severity, a.length == 0 ? format : String.format(format, a)));
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task::run);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Timed t = new Timed(now + delay.toNanos(), 0, task);
        timers.add(t);
        return t;
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        long ns = Math.max(1, period.toNanos());
        Timed t = new Timed(now + ns, ns, task);
        timers.add(t);
        return t;
    }

    // ---------------------------------------------------------------- inside

    /** Runs a callback; what it throws is logged, as the module host logs it. */
    private void run(Task t) {
        try {
            t.run();
        } catch (Exception e) {
            logs.add(new LogEntry(Severity.ERR, "callback failed: " + e));
        }
    }

    private int ownerUid() {
        return Integer.parseInt(attributes.getOrDefault("security.owner", "0"));
    }

    /** A request to the module, as the broker's module host dispatches it. */
    private void dispatch(Message m) {
        Handler h = handlers.stream().filter(x -> x.glob().matches(m.topic())).findFirst().orElse(null);
        if (h == null) {
            respondError(m, Errno.ENOSYS.number(), null);
            return;
        }
        if (!Roles.admits(h.roles(), m.rolemask())) {
            respondError(m, Errno.EPERM.number(), "Request requires owner credentials");
            return;
        }
        try {
            h.handler().handle(m);
        } catch (Throwable e) { // an Error too, as the module host answers it
            RequestException answer = RequestException.of(e);
            respondError(m, answer.errno().number(), answer.getMessage());
        }
    }

    /** A request of the module's, answered by the test's service for its topic. */
    private void serve(Message m) {
        Message answer;
        try {
            Service service = answers.get(m.topic());
            if (service != null) {
                answer = service.handle(m).build();
            } else {
                answer = Message.errorResponse(m, Errno.ENOSYS.number(),
                        "No service matching " + m.topic() + " is registered");
            }
        } catch (Exception e) {
            RequestException r = RequestException.of(e);
            answer = Message.errorResponse(m, r.errno().number(), r.getMessage());
        }
        if (m.isNoResponse()) {
            return;
        }
        FixtureRpc rpc = rpcs.remove(m.matchtag());
        if (rpc != null) {
            rpc.deliver(answer, m.isStreaming());
        }
    }

    private void deliverEvent(Message e) throws Exception {
        for (EventSub s : List.copyOf(subscriptions)) {
            if (e.topic().startsWith(s.prefix()) && Roles.admits(s.roles(), e.rolemask())) {
                s.handler().handle(e);
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json, "fixture JSON");
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
