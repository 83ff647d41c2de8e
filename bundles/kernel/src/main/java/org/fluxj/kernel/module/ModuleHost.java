package org.fluxj.kernel.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.Attributes.AttrException;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.MessageHandler;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.TopicGlob;
import org.fluxj.kernel.api.RequestHandler;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.fluxj.kernel.router.Endpoint;

/**
 * One hosted module: its {@link ModuleContext}, its endpoint in the router and its thread.
 * Every callback of the module runs on that one thread (a module's own, or the broker thread
 * for the broker's built-in services), so module code needs no locks.
 */
public final class ModuleHost implements ModuleContext, Endpoint {
    /** flux-core's FLUX_MODSTATE_* numbers, as {@code module.list} reports them. */
    public static final int INIT = 0;
    public static final int RUNNING = 1;
    public static final int FINALIZING = 2;
    public static final int EXITED = 3;

    private record Handler(TopicGlob glob, int roles, RequestHandler handler) {
    }

    private record EventHandler(String prefix, int roles, MessageHandler handler) {
    }

    private final String name;
    private final String uuid = UUID.randomUUID().toString();
    private final BrokerModule module;
    private final List<String> args;
    private final HostServices services;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final String path;
    private final List<Handler> handlers = new ArrayList<>();
    private final List<Handler> defaults = new ArrayList<>();
    private final List<EventHandler> eventHandlers = new ArrayList<>();
    private final List<MessageHandler> configHandlers = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final List<String> ownedAttributes = new ArrayList<>();
    private final Map<Integer, ModuleRpc> rpcs = new HashMap<>();
    private final HeldRequests held = new HeldRequests();
    /** "service@nodeid" of every service the module sent a request to: told at unload (disconnect.c). */
    private final Set<String> usedServices = ConcurrentHashMap.newKeySet();
    private final long[] tx = new long[4];
    private final long[] rx = new long[4];
    private int debugFlags;
    private final AtomicLong lastSeen = new AtomicLong(System.nanoTime());
    private MessageHandler routed;
    private int nextMatchtag = 1;
    private volatile int state = INIT;
    /** The configuration the module accepted last; null: the broker's, as it was at load. */
    private volatile JsonNode config;

    /**
     * @param executor the thread to run on; null for a new thread of the module's own
     * @param path     what {@code flux module list -l} shows as the module's path
     */
    public ModuleHost(String name, BrokerModule module, List<String> args, HostServices services,
            ExecutorService executor, String path) {
        this.name = name;
        this.module = module;
        this.args = List.copyOf(args);
        this.services = services;
        this.ownsExecutor = executor == null;
        this.executor = executor != null ? executor : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "module-" + name);
            t.setDaemon(true);
            return t;
        });
        this.path = path;
        addDefaultMethods();
    }

    // ---------------------------------------------------------------- life cycle

    /** Registers the endpoint and service, then runs the module's start on its thread. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        services.router().attach(this);
        services.router().addService(name, uuid, err -> {
            if (err != null) {
                services.router().detach(uuid);
                done.completeExceptionally(new RequestException(err, "service " + name + " is already registered"));
                return;
            }
            execute(() -> {
                try {
                    // flux module stats --clear-all publishes NAME.stats-clear to every rank
                    onEvent(name + ".stats-clear", m -> clearStats());
                    module.start(this);
                    state = RUNNING;
                    done.complete(null);
                } catch (ConfigKeyException e) {
                    teardown();
                    // the refused key, with the file it came from: FILE: KEY: PROBLEM
                    done.completeExceptionally(new FormatException(services.config().get().describe(e)));
                } catch (Throwable e) {
                    teardown();
                    done.completeExceptionally(e);
                }
            }, () -> done.completeExceptionally(new IllegalStateException("module thread is gone")));
        });
        return done;
    }

    /** Unregisters the module's services, then runs its stop on its thread. */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        execute(() -> {
            CompletionStage<Void> d;
            try {
                d = module.drain();
            } catch (Throwable e) {
                log(Severity.ERR, "drain: %s", e);
                d = CompletableFuture.completedFuture(null);
            }
            d.whenComplete((v, e) -> {
                if (e != null) {
                    log(Severity.ERR, "drain: %s", e.getMessage());
                }
                drained.complete(null);
            });
        }, () -> drained.complete(null));
        // a module whose drain never ends must not keep the broker from exiting
        return drained.copy().completeOnTimeout(null, DRAIN_LIMIT_SECONDS, TimeUnit.SECONDS).thenCompose(v -> {
            if (!drained.isDone()) {
                log(Severity.ERR, "drain did not finish within %ds; unloading anyway", DRAIN_LIMIT_SECONDS);
            }
            return stopNow();
        });
    }

    /** How long a module's drain may take before it is stopped regardless. */
    static final int DRAIN_LIMIT_SECONDS = 30;


    private CompletableFuture<Void> stopNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        services.router().detach(uuid);
        state = FINALIZING;
        execute(() -> {
            try {
                module.stop();
            } catch (Throwable e) {
                log(Severity.ERR, "stop: %s", e);
            } finally {
                try {
                    teardown();
                } finally {
                    done.complete(null); // whatever teardown met: an unload that never ends hangs the broker
                }
            }
        }, () -> done.complete(null));
        return done;
    }

    /** After start failed or stop: nothing of the module is left in the broker. */
    private void teardown() {
        services.router().detach(uuid);
        sendDisconnects();
        timers.forEach(t -> t.cancel(false));
        // failing an rpc runs the module's callbacks, which may send more: not while iterating
        List<ModuleRpc> pending = new ArrayList<>(rpcs.values());
        rpcs.clear();
        pending.forEach(r -> r.fail(Errno.ENOSYS, "module " + name + " was unloaded"));
        // what the module left unanswered fails as flux-core fails an exec module's (module.c)
        for (Message req : held.purge()) {
            services.router().send(this, Message.errorResponse(req, Errno.EHOSTUNREACH.number(), "module disconnect"));
        }
        for (String attr : ownedAttributes) {
            try {
                services.attributes().delete(attr);
            } catch (AttrException e) {
                // immutable: stays
            }
        }
        state = EXITED;
        if (ownsExecutor) {
            executor.shutdown();
        }
    }

    /**
     * As flux-core's broker does for a module that goes away (broker/disconnect.c): each service
     * the module sent requests to gets SERVICE.disconnect from it, on each rank it used, so that
     * it drops what it kept for the module (a subprocess server detaches its attached clients,
     * which a reloaded module may then attach again).
     */
    private void sendDisconnects() {
        for (String used : usedServices) {
            int at = used.lastIndexOf('@');
            Message d = Message.request(used.substring(0, at) + ".disconnect")
                    .nodeid(Integer.parseInt(used.substring(at + 1))).noResponse().build();
            services.router().send(this, d);
        }
        usedServices.clear();
    }

    private void execute(Runnable task, Runnable rejected) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log(Severity.ERR, "%s", e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    public String path() {
        return path;
    }

    public int state() {
        return state;
    }

    public BrokerModule module() {
        return module;
    }

    /** Seconds since the module last sent a message (flux-core's idle column). */
    public int idleSeconds() {
        return (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastSeen.get());
    }

    /** Tasks queued for the module's thread, when it has its own. */
    public int receiveQueue() {
        return ownsExecutor && executor instanceof ThreadPoolExecutor t ? t.getQueue().size() : 0;
    }

    // ---------------------------------------------------------------- endpoint

    @Override
    public String uuid() {
        return uuid;
    }

    @Override
    public void deliver(Message m) {
        execute(() -> dispatch(m), () -> {
            if (m.type() == MessageType.REQUEST && !m.isNoResponse()) {
                services.router().send(this, Message.errorResponse(m, Errno.ENOSYS.number(), null));
            }
        });
    }

    private void dispatch(Message m) {
        count(rx, m);
        held.received(m);
        try {
            switch (m.type()) {
                case REQUEST -> dispatchRequest(m);
                case RESPONSE -> dispatchResponse(m);
                case EVENT -> dispatchEvent(m);
                default -> { }
            }
        } catch (Throwable e) {
            log(Severity.ERR, "%s: %s", m.topic(), e);
        }
    }

    private void dispatchRequest(Message m) {
        if (state == EXITED) {
            respondError(m, Errno.ENOSYS.number(), null);
            return;
        }
        Handler h = find(handlers, m.topic());
        if (h == null) {
            h = find(defaults, m.topic());
        }
        if (h == null) {
            if (!m.topic().endsWith(".disconnect")) {
                respondError(m, Errno.ENOSYS.number(), null);
            }
            return;
        }
        if (!Roles.admits(h.roles, m.rolemask())) {
            // flux-core's msg_handler.c call_handler words the refusal by the handler's roles
            respondError(m, Errno.EPERM.number(), (h.roles & ~Roles.OWNER) == 0
                    ? "Request requires owner credentials" : "Request rejected due to insufficient privilege");
            return;
        }
        try {
            h.handler.handle(m);
        } catch (Throwable e) {
            // whatever a handler throws (a StackOverflowError too) answers its request, and the
            // module goes on serving; what is not a refusal of the request is a bug, logged
            if (!(e instanceof RequestException || e instanceof FormatException)) {
                log(Severity.ERR, "%s: %s", m.topic(), e);
            }
            RequestException answer = RequestException.of(e);
            respondError(m, answer.errno().number(), answer.getMessage());
        }
    }

    private static Handler find(List<Handler> list, String topic) {
        for (Handler h : list) {
            if (h.glob.matches(topic)) {
                return h;
            }
        }
        return null;
    }

    private void dispatchResponse(Message m) throws Exception {
        if (m.routeCount() > 0) {
            if (routed != null) {
                routed.handle(m);
            }
            return;
        }
        ModuleRpc rpc = rpcs.get(m.matchtag());
        if (rpc != null && rpc.accept(m)) {
            rpcs.remove(m.matchtag());
        }
    }

    private void dispatchEvent(Message m) throws Exception {
        String topic = m.topic();
        for (EventHandler e : List.copyOf(eventHandlers)) {
            if (topic != null && topic.startsWith(e.prefix) && Roles.admits(e.roles, m.rolemask())) {
                e.handler.handle(m);
            }
        }
    }

    void forget(int matchtag) {
        rpcs.remove(matchtag);
    }

    // ---------------------------------------------------------------- flux-core's default methods

    private void addDefaultMethods() {
        defaults.add(new Handler(new TopicGlob(name + ".ping"), Roles.USER, this::ping));
        defaults.add(new Handler(new TopicGlob(name + ".stats-get"), Roles.ALL, m -> respond(m, stats())));
        defaults.add(new Handler(new TopicGlob(name + ".stats-clear"), Roles.OWNER, m -> {
            clearStats();
            respond(m, null);
        }));
        defaults.add(new Handler(new TopicGlob(name + ".debug"), Roles.OWNER, this::debug));
        defaults.add(new Handler(new TopicGlob(name + ".rusage"), Roles.OWNER, this::rusage));
    }

    private void clearStats() {
        Arrays.fill(tx, 0);
        Arrays.fill(rx, 0);
    }

    /** flux-core's debug method: {"op": clr|set|clrbit|setbit, "flags": N} answers the new flags. */
    private void debug(Message m) throws FormatException, RequestException {
        JsonNode o = m.payloadObject();
        JsonNode op = o.get("op");
        JsonNode flags = o.get("flags");
        if (op == null || !op.isTextual() || flags == null || !flags.canConvertToInt()) {
            throw new RequestException(Errno.EPROTO);
        }
        int n = flags.asInt();
        switch (op.asText()) {
            case "clr" -> debugFlags = 0;
            case "set" -> debugFlags = n;
            case "clrbit" -> debugFlags &= ~n;
            case "setbit" -> debugFlags |= n;
            default -> throw new RequestException(Errno.EPROTO);
        }
        respond(m, Json.object().put("flags", debugFlags));
    }

    /** flux-core's rusage method: {"who": self|children|thread}, self if absent. */
    private void rusage(Message m) throws Exception {
        JsonNode who = m.hasPayload() ? m.payloadObject().get("who") : null;
        if (who != null && !who.isTextual()) {
            throw new RequestException(Errno.EPROTO);
        }
        String w = who == null ? "self" : who.asText();
        ObjectNode o = Rusage.of(w);
        if (o == null) {
            throw new RequestException(Errno.EINVAL, w + " is unsupported");
        }
        respond(m, o);
    }

    @Override
    public int debugFlags() {
        return debugFlags;
    }

    /** flux-core's ping method: the request payload plus route, userid, rolemask and rank. */
    private void ping(Message m) throws FormatException {
        ObjectNode o = m.payloadObject();
        String route = m.routeString();
        route = (route == null || route.isEmpty() ? "" : route + "!") + uuid.substring(0, 8);
        o.put("route", route);
        o.put("userid", Integer.toUnsignedLong(m.userid()));
        o.put("rolemask", Integer.toUnsignedLong(m.rolemask()));
        o.put("rank", services.rank());
        respond(m, o);
    }

    /** flux-core's stats-get: message counts sent and received by type. */
    public ObjectNode stats() {
        ObjectNode o = Json.object();
        ObjectNode t = o.putObject("tx");
        ObjectNode r = o.putObject("rx");
        String[] types = {"request", "response", "event", "control"};
        for (int i = 0; i < 4; i++) {
            t.put(types[i], tx[i]);
            r.put(types[i], rx[i]);
        }
        return o;
    }

    private static void count(long[] counters, Message m) {
        counters[Integer.numberOfTrailingZeros(m.type().code())]++;
    }

    /**
     * Offers the module a new configuration (flux-core's MODULE.config-reload request): on the
     * module's thread, {@link #config()} becomes {@code conf} and its config handlers run; if one
     * throws, the module's configuration is what it was and the stage fails with that exception,
     * so that the config service can refuse the update. A module that has gone takes any.
     */
    public CompletableFuture<Void> configUpdate(JsonNode conf) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            JsonNode old = config();
            config = conf;
            Message notice = Message.request(name + ".config-reload").payloadJson(conf).build();
            try {
                for (MessageHandler h : configHandlers) {
                    h.handle(notice);
                }
                done.complete(null);
            } catch (Exception e) {
                config = old;
                done.completeExceptionally(e);
            }
        }, () -> done.complete(null));
        return done;
    }

    // ---------------------------------------------------------------- ModuleContext

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rank() {
        return services.rank();
    }

    @Override
    public int size() {
        return services.size();
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
        services.router().addService(service, uuid, err -> {
            if (err != null) {
                log(Severity.ERR, "service %s: %s", service, err.message());
            }
        });
    }

    @Override
    public Rpc rpc(Message request) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("not a request: " + request.type());
        }
        if (request.isNoResponse()) {
            send(request);
            return new ModuleRpc(this, 0);
        }
        int tag = nextMatchtag++;
        if (nextMatchtag == 0) {
            nextMatchtag = 1;
        }
        ModuleRpc rpc = new ModuleRpc(this, tag);
        rpcs.put(tag, rpc);
        send(request.toBuilder().matchtag(tag).build());
        return rpc;
    }

    @Override
    public Registration onEvent(String prefix, int roles, MessageHandler handler) {
        EventHandler e = new EventHandler(prefix, roles, handler);
        eventHandlers.add(e);
        services.router().subscribe(uuid, prefix);
        return () -> {
            if (eventHandlers.remove(e)) {
                services.router().unsubscribe(uuid, prefix);
            }
        };
    }

    @Override
    public void send(Message message) {
        if (message.type() == MessageType.REQUEST && message.routeCount() == 0 && message.topic() != null
                && !message.topic().endsWith(".disconnect")) {
            int dot = message.topic().indexOf('.');
            if (dot > 0) {
                usedServices.add(message.topic().substring(0, dot) + "@" + message.nodeid());
            }
        }
        lastSeen.set(System.nanoTime());
        count(tx, message);
        held.sent(message);
        services.router().send(this, message);
    }

    @Override
    public void onRouted(MessageHandler handler) {
        this.routed = handler;
    }

    @Override
    public Optional<String> attribute(String attr) {
        return services.attributes().get(attr);
    }

    @Override
    public void setAttribute(String attr, String value) {
        try {
            if (!services.attributes().has(attr)) {
                ownedAttributes.add(attr);
            }
            services.attributes().set(attr, value);
        } catch (AttrException e) {
            throw new IllegalArgumentException(attr + ": " + e.getMessage(), e);
        }
    }

    @Override
    public JsonNode config() {
        JsonNode c = config;
        return c != null ? c : services.config().get().config();
    }

    @Override
    public void onConfigReload(MessageHandler handler) {
        configHandlers.add(handler);
    }

    @Override
    public void log(int severity, String format, Object... a) {
        services.log().log(severity, name, a.length == 0 ? format : String.format(format, a));
    }

    @Override
    public void execute(Runnable task) {
        execute(task, () -> { });
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = services.timers().schedule(() -> execute(task, () -> { }),
                delay.toNanos(), TimeUnit.NANOSECONDS);
        timers.add(f);
        return () -> f.cancel(false);
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        long ns = Math.max(1, period.toNanos());
        ScheduledFuture<?> f = services.timers().scheduleAtFixedRate(() -> execute(task, () -> { }),
                ns, ns, TimeUnit.NANOSECONDS);
        timers.add(f);
        return () -> f.cancel(false);
    }
}
