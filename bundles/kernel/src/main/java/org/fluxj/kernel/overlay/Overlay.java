package org.fluxj.kernel.overlay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageCodec;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.Severity;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.formats.curve.Z85;

/**
 * One broker's end of the tree-based overlay network (TBON), as flux-core's overlay module runs it: a ROUTER
 * socket bound for the children, a DEALER socket connected to the parent, both secured with CURVE, and the
 * protocol between them (overlay.hello, overlay.goodbye, and the HEARTBEAT / STATUS / DISCONNECT control
 * messages).
 *
 * <p><b>Life cycle.</b> Construct from an {@link OverlayConfig} and a {@link OverlayListener};
 * {@link #authorize} the public keys children may present; {@link #bind} the children's endpoint if this rank has
 * children; {@link #start} (with the parent's URI and public key on ranks above 0); {@link #goodbye} before a
 * clean exit; {@link #close}.
 *
 * <p><b>Threads.</b> The overlay owns one thread, which does all socket work and runs every listener callback.
 * The send methods and queries may be called from any thread: the routing decision that can fail at once (no
 * route, peer offline) is made by the caller; the send itself is queued to the overlay thread.
 *
 * <p><b>Routes.</b> As in flux-core, a child's routing id is its uuid, so a message from a child arrives with the
 * child's uuid pushed on its route stack; a request sent down has this broker's uuid and then the child's pushed,
 * and the ROUTER pops the child's. Responses from a child have both popped before the listener sees them.
 *
 * <p><b>Failure detection.</b> A child is lost when a send to it finds no connection (the ROUTER is
 * {@code ROUTER_MANDATORY}): the overlay probes its online children with a HEARTBEAT control message on every
 * tick and at once when the socket monitor reports a disconnect, so a crashed child is lost within a tick (at most
 * a second). A child that sends nothing for {@code torpid_max} is flagged torpid, not lost, as in flux-core; TCP
 * keepalive tuned from {@code tcp_user_timeout} turns a silent dead host into a disconnect. When a child goes
 * offline its pending requests get EHOSTUNREACH responses; so do requests pending upstream when the parent
 * disconnects this broker.
 *
 * <p><b>Security.</b> A ZAP handler on this overlay's own ZeroMQ context admits only the CURVE public keys given
 * to {@link #authorize}; it is in place before the ROUTER binds, so no peer is ever admitted unchecked. Frames
 * that do not decode as a Flux message are dropped and logged.
 */
public final class Overlay implements AutoCloseable {
    /** Control message types (flux-core {@code enum control_type}). */
    public static final int CONTROL_HEARTBEAT = 0;
    public static final int CONTROL_STATUS = 1;
    public static final int CONTROL_DISCONNECT = 2;

    /** The ZAP domain flux-core's overlay sockets use. */
    static final String ZAP_DOMAIN = "flux";
    private static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
    private static final int LINGER_MS = 5;
    private static final int BATCH = 256;
    /**
     * A ZMTP/CURVE handshake not done in this time is dropped and the child reconnects. JeroMQ 0.6.0 was seen
     * here to stall, rarely, one of two handshakes accepted at the same moment by one ROUTER; the default (30 s)
     * made that a 30 s delay in joining.
     */
    private static final int HANDSHAKE_MS = 5000;
    /** How often the I/O threads are kicked while a connection to the parent is handshaking (see PollerKick). */
    private static final long KICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long after a connect the kicks go on if nothing comes from the parent. */
    private static final long KICK_FOR_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long PROBE_AFTER_DISCONNECT_MS = 100;

    /** Which side a message came from. */
    public enum Direction { PARENT, CHILD }

    /** The peer a message came from: the parent or a child, and its rank. */
    public record Peer(Direction direction, int rank) {
    }

    /** What became of a request given to {@link #sendRequest}. */
    public enum SendResult {
        /** Queued to the parent. */
        UPSTREAM,
        /** Queued to the child whose subtree holds the target rank. */
        DOWNSTREAM,
        /** Rank 0 and nobody offers the service (RFC 3: ENOSYS). */
        ENOSYS,
        /** The target rank cannot be reached: the next hop is offline or the rank is not in the instance. */
        EHOSTUNREACH;

        public boolean sent() {
            return this == UPSTREAM || this == DOWNSTREAM;
        }

        /** The errno to answer the request with, or null if it was sent. */
        public Errno errno() {
            return switch (this) {
                case ENOSYS -> Errno.ENOSYS;
                case EHOSTUNREACH -> Errno.EHOSTUNREACH;
                default -> null;
            };
        }
    }

    /**
     * One direct child as {@code overlay.health} reports it.
     *
     * @param duration seconds since the status last changed
     * @param error why it went offline or was lost, or null
     */
    public record ChildInfo(int rank, SubtreeStatus status, boolean torpid, double duration, String error) {
    }

    /** This broker's subtree health ({@code overlay.health}). */
    public record Health(int rank, SubtreeStatus status, double duration, List<ChildInfo> children) {
        /** The payload flux-core's {@code overlay.health} responds with. */
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("rank", rank);
            o.put("status", status.text());
            o.put("duration", duration);
            ArrayNode a = o.putArray("children");
            for (ChildInfo c : children) {
                ObjectNode e = a.addObject();
                e.put("rank", c.rank());
                e.put("status", c.status().text());
                e.put("duration", c.duration());
                if (!c.status().isOnline() && c.error() != null && !c.error().isEmpty()) {
                    e.put("error", c.error());
                }
            }
            return o;
        }
    }

    /** A direct child. Fields other than {@code status} are touched by the overlay thread only. */
    private static final class Child {
        final int rank;
        volatile SubtreeStatus status = SubtreeStatus.OFFLINE;
        volatile String uuid;
        volatile boolean torpid;
        volatile long statusNanos = System.nanoTime();
        volatile String error;
        long lastseen; // nanoTime, 0 = never
        final RpcTracker tracker = new RpcTracker();

        Child(int rank) {
            this.rank = rank;
        }
    }

    private final OverlayConfig config;
    private final OverlayListener listener;
    private final int rank;
    private final String uuid;
    private final Topology topo;
    private final ZContext ctx;
    private final Map<Integer, Child> childByRank;
    private final Map<String, Child> onlineByUuid = new ConcurrentHashMap<>();
    private final Map<String, String> authorized = new ConcurrentHashMap<>(); // public key text -> name
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Object wakeLock = new Object();
    private final CompletableFuture<Void> parentReady = new CompletableFuture<>();
    private final CompletableFuture<Void> goodbyeDone = new CompletableFuture<>();
    private final RpcTracker parentTracker = new RpcTracker();
    private final long tickNanos;

    private final String wakeEndpoint;
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private final ZMQ.Socket wakeTx; // any thread, under wakeLock
    private ZMQ.Socket wakeRx; // the overlay thread's sockets from here on
    private boolean pollerDirty = true;
    private ZMQ.Socket zap;
    private ZMQ.Socket router;
    private ZMQ.Socket routerMonitor;
    private ZMQ.Socket dealer;
    private ZMQ.Socket dealerMonitor;
    private volatile String boundUri;
    private String parentUri;

    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean started;
    private boolean contextClosed; // guarded by wakeLock
    private volatile SubtreeStatus status;
    private volatile long statusNanos = System.nanoTime();
    private volatile String parentUuid;
    private volatile boolean parentUsable; // connected, hello not failed, not disconnected, no goodbye sent
    private volatile boolean spurnHello; // shutting down: children saying hello are told to disconnect
    private boolean helloResponded;
    private boolean parentOffline;
    private boolean goodbyeSent;
    private long lastSent; // nanoTime of the last send to the parent
    private long nextTick;
    private final List<Long> probes = new ArrayList<>();
    private long kickUntil; // nanoTime; 0 = no handshake to watch
    private int eventSeq;
    private int dropped;

    /**
     * Creates the overlay (its ZeroMQ context and wake-up sockets); nothing is bound or connected yet.
     *
     * @param listener receives messages, state changes and log lines, on the overlay thread
     */
    public Overlay(OverlayConfig config, OverlayListener listener) {
        this.config = config;
        this.listener = listener;
        this.rank = config.rank();
        this.uuid = config.uuid();
        this.topo = config.topology();
        Map<Integer, Child> kids = new LinkedHashMap<>();
        for (int c : topo.childrenOf(rank)) {
            kids.put(c, new Child(c));
        }
        this.childByRank = Collections.unmodifiableMap(kids);
        this.status = kids.isEmpty() ? SubtreeStatus.FULL : SubtreeStatus.PARTIAL;
        long tick = Math.min(TimeUnit.SECONDS.toNanos(1), config.torpidMin().toNanos() / 2);
        if (!config.torpidMax().isZero()) {
            tick = Math.min(tick, config.torpidMax().toNanos() / 2);
        }
        this.tickNanos = Math.max(tick, TimeUnit.MILLISECONDS.toNanos(10));
        // As flux-core, only the leader gets more than one I/O thread.
        this.ctx = new ZContext(rank == 0 ? config.zmqIoThreads() : 1);
        this.ctx.setLinger(LINGER_MS);
        this.wakeEndpoint = "inproc://overlay-wake-" + uuid;
        // The overlay thread creates, binds, connects and polls every socket it uses; a JeroMQ socket is never
        // handed from one thread to another. Only the wake-up socket below is shared, under a lock.
        thread = new Thread(this::run, "overlay-" + rank);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("overlay thread did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the overlay thread", e);
        }
        this.wakeTx = ctx.createSocket(SocketType.PAIR);
        this.wakeTx.connect(wakeEndpoint);
    }

    public OverlayConfig config() {
        return config;
    }

    public int rank() {
        return rank;
    }

    public String uuid() {
        return uuid;
    }

    public Topology topology() {
        return topo;
    }

    /** This broker's CURVE public key, for its parent to {@link #authorize}. */
    public String publicKey() {
        return config.cert().publicText();
    }

    /** The ranks of this broker's direct children. */
    public List<Integer> children() {
        return List.copyOf(childByRank.keySet());
    }

    // ---------------------------------------------------------------- set-up

    /**
     * Admits a child presenting this CURVE public key ({@code overlay_authorize}). In test mode each child's key
     * is authorized; in a configured instance every broker shares one certificate, so its own key is.
     *
     * @throws IllegalArgumentException if the key is not 40 characters of Z85
     */
    public void authorize(String name, String publicKeyText) {
        if (publicKeyText == null || publicKeyText.length() != CurveCert.KEY_TEXT_SIZE
                || Z85.decode(publicKeyText) == null) {
            throw new IllegalArgumentException("not a CURVE public key: " + publicKeyText);
        }
        authorized.put(publicKeyText, name == null ? "" : name);
    }

    /**
     * Binds the children's endpoint ({@code tcp://HOST:PORT}, {@code tcp://127.0.0.1:*}, {@code ipc://PATH})
     * after putting the ZAP handler in place. Call before {@link #start}, only on a rank with children.
     *
     * @return the endpoint as bound, wildcards resolved, for the children's {@code parent-uri}
     * @throws IllegalStateException if this rank has no children, is already bound or started
     * @throws ZMQException if the endpoint cannot be bound
     */
    public synchronized String bind(String uri) {
        if (childByRank.isEmpty()) {
            throw new IllegalStateException("rank " + rank + " has no children to bind for");
        }
        if (boundUri != null || started) {
            throw new IllegalStateException("overlay already bound or started");
        }
        return await(call(() -> doBind(uri)));
    }

    private String doBind(String uri) {
        pollerDirty = true;
        zap = ctx.createSocket(SocketType.REP);
        zap.setLinger(0);
        zap.bind(ZAP_ENDPOINT);
        router = ctx.createSocket(SocketType.ROUTER);
        router.setSndHWM(0);
        router.setRcvHWM(config.childRcvhwm());
        router.setLinger(LINGER_MS);
        router.setRouterMandatory(true);
        router.setHandshakeIvl(HANDSHAKE_MS);
        router.setZAPDomain(ZAP_DOMAIN);
        router.setCurveServer(true);
        router.setCurvePublicKey(config.cert().publicKey());
        router.setCurveSecretKey(config.cert().secretKey());
        tuneKeepalive(router);
        String mon = "inproc://overlay-monitor-router-" + uuid;
        router.monitor(mon, ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_ACCEPT_FAILED
                | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
                | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
        routerMonitor = ctx.createSocket(SocketType.PAIR);
        routerMonitor.connect(mon);
        router.bind(uri);
        String bound = router.getLastEndpoint();
        boundUri = bound;
        log(Severity.DEBUG, "listening on " + bound);
        return bound;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("overlay thread did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint {@link #bind} bound, or null. */
    public String boundUri() {
        return boundUri;
    }

    /**
     * Starts the overlay thread; on a rank above 0, connects to the parent and says hello.
     *
     * @param parentUri the parent's bound endpoint (ignored on rank 0)
     * @param parentPublicKey the parent's CURVE public key (ignored on rank 0)
     */
    public synchronized void start(String parentUri, String parentPublicKey) {
        if (started) {
            throw new IllegalStateException("overlay already started");
        }
        if (!childByRank.isEmpty() && boundUri == null) {
            throw new IllegalStateException("rank " + rank + " has children: bind before start");
        }
        if (rank > 0) {
            if (parentUri == null || parentPublicKey == null) {
                throw new IllegalArgumentException("rank " + rank + " needs its parent's URI and public key");
            }
            byte[] serverKey = parentPublicKey.length() == CurveCert.KEY_TEXT_SIZE ? Z85.decode(parentPublicKey)
                    : null;
            if (serverKey == null) {
                throw new IllegalArgumentException("not a CURVE public key: " + parentPublicKey);
            }
            parentUsable = true;
            await(call(() -> {
                doConnect(parentUri, serverKey);
                return null;
            }));
        } else {
            parentReady.complete(null);
        }
        started = true;
    }

    private void doConnect(String uri, byte[] serverKey) {
        pollerDirty = true;
        this.parentUri = uri;
        {
            dealer = ctx.createSocket(SocketType.DEALER);
            dealer.setSndHWM(0);
            dealer.setRcvHWM(0);
            dealer.setLinger(LINGER_MS);
            dealer.setIdentity(uuid.getBytes(StandardCharsets.UTF_8));
            dealer.setHandshakeIvl(HANDSHAKE_MS);
            dealer.setReconnectIVL(100);
            dealer.setReconnectIVLMax(5000);
            dealer.setZAPDomain(ZAP_DOMAIN);
            dealer.setCurveServerKey(serverKey);
            dealer.setCurvePublicKey(config.cert().publicKey());
            dealer.setCurveSecretKey(config.cert().secretKey());
            tuneKeepalive(dealer);
            String mon = "inproc://overlay-monitor-dealer-" + uuid;
            dealer.monitor(mon, ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CONNECTED
                    | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
                    | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
            dealerMonitor = ctx.createSocket(SocketType.PAIR);
            dealerMonitor.connect(mon);
            dealer.connect(uri);
            kickUntil = System.nanoTime() + KICK_FOR_NANOS;
            log(Severity.DEBUG, "connecting to " + uri);
            sendHello();
        }
    }

    /** Completes when the parent has accepted this broker's hello (at once on rank 0); fails if it refused. */
    public CompletableFuture<Void> parentReady() {
        return parentReady;
    }

    private void tuneKeepalive(ZMQ.Socket s) {
        long t = config.tcpUserTimeout().toSeconds();
        if (t > 0) {
            s.setTCPKeepAlive(1);
            s.setTCPKeepAliveIdle(Math.max(1, t / 2));
            s.setTCPKeepAliveInterval(Math.max(1, t / 6));
            s.setTCPKeepAliveCount(3);
        }
    }

    // ---------------------------------------------------------------- sending (any thread)

    /**
     * Routes a request toward its nodeid as flux-core's overlay does: down to the child whose subtree holds the
     * target rank, unless the request is flagged UPSTREAM from this rank; otherwise up to the parent. The broker
     * calls this for requests it cannot serve locally.
     *
     * @return where it went, or why it could not go (answer the request with {@link SendResult#errno()})
     */
    public SendResult sendRequest(Message request) {
        if (request.type() != MessageType.REQUEST) {
            throw new IllegalArgumentException("sendRequest takes a request, not a " + request.type().typeName());
        }
        int nodeid = request.nodeid();
        boolean upstream = request.isUpstream();
        int childRank = upstream && nodeid == rank ? -1 : topo.childRoute(rank, nodeid);
        if (childRank >= 0) {
            Child child = childByRank.get(childRank);
            if (!child.status.isOnline()) {
                return SendResult.EHOSTUNREACH;
            }
            submit(() -> sendDownstreamRequest(child, request));
            return SendResult.DOWNSTREAM;
        }
        if (rank == 0) {
            return !upstream && (nodeid == 0 || nodeid == Message.NODEID_ANY) ? SendResult.ENOSYS
                    : SendResult.EHOSTUNREACH;
        }
        if (!parentUsable) {
            return SendResult.EHOSTUNREACH;
        }
        submit(() -> sendUpstreamRequest(request));
        return SendResult.UPSTREAM;
    }

    /**
     * Sends a request, response or event to the parent as it is (events get their route stack enabled).
     *
     * @return false if there is no usable parent (rank 0, refused, disconnected, or goodbye sent)
     */
    public boolean sendUpstream(Message msg) {
        if (rank == 0 || !parentUsable) {
            return false;
        }
        submit(() -> {
            if (msg.type() == MessageType.REQUEST) {
                sendUpstreamRequest(msg);
            } else {
                sendParent(msg.type() == MessageType.EVENT ? msg.withRoutesEnabled() : msg);
            }
        });
        return true;
    }

    /**
     * Sends a response on its way back: upstream if its next hop ({@link Message#routeLast()}) is the parent,
     * else to the online child with that uuid.
     *
     * @return false if the next hop is neither (EHOSTUNREACH)
     */
    public boolean sendResponse(Message response) {
        if (response.type() != MessageType.RESPONSE) {
            throw new IllegalArgumentException("sendResponse takes a response, not a " + response.type().typeName());
        }
        String next = response.routeLast();
        if (next == null) {
            return false;
        }
        if (next.equals(parentUuid)) {
            return sendUpstream(response);
        }
        Child child = onlineByUuid.get(next);
        if (child == null) {
            return false;
        }
        submit(() -> sendChild(response));
        return true;
    }

    /**
     * Publishes an event: on rank 0 (where the broker has sequenced it) to every online child, which forward it
     * on down; on other ranks upstream, for rank 0 to sequence and publish.
     */
    public void sendEvent(Message event) {
        if (event.type() != MessageType.EVENT) {
            throw new IllegalArgumentException("sendEvent takes an event, not a " + event.type().typeName());
        }
        if (rank == 0) {
            submit(() -> multicast(event));
        } else {
            sendUpstream(event);
        }
    }

    /**
     * Whether a request for {@code target} has its next hop up: this rank itself, the online child whose subtree
     * holds it, or else a usable parent. Deeper losses are known only below; those requests fail with
     * EHOSTUNREACH from there.
     */
    public boolean isReachable(int target) {
        if (target == rank) {
            return true;
        }
        if (target < 0 || target >= topo.size()) {
            return false;
        }
        int c = topo.childRoute(rank, target);
        if (c >= 0) {
            return childByRank.get(c).status.isOnline();
        }
        return rank > 0 && parentUsable;
    }

    // ---------------------------------------------------------------- queries and admin (any thread)

    /** This broker's subtree status. */
    public SubtreeStatus status() {
        return status;
    }

    /** A direct child's status, or null if {@code childRank} is not a direct child. */
    public SubtreeStatus childStatus(int childRank) {
        Child c = childByRank.get(childRank);
        return c == null ? null : c.status;
    }

    /** This broker's health and its children's, as {@code overlay.health} reports them. */
    public Health health() {
        long now = System.nanoTime();
        List<ChildInfo> kids = new ArrayList<>(childByRank.size());
        for (Child c : childByRank.values()) {
            kids.add(info(c, now));
        }
        return new Health(rank, status, seconds(now - statusNanos), List.copyOf(kids));
    }

    /** The {@code overlay.topology} payload for this rank or a direct child. */
    public Topology.Subtree subtree(int r) {
        if (r != rank && !childByRank.containsKey(r)) {
            throw new IllegalArgumentException("requested rank is not this broker or its direct child");
        }
        return topo.subtree(r);
    }

    /** {@code overlay.stats-get}: child-count, child-connected, parent-count, parent-rpc, child-rpc. */
    public CompletableFuture<ObjectNode> stats() {
        return call(() -> {
            ObjectNode o = Json.object();
            o.put("child-count", childByRank.size());
            o.put("child-connected", (int) childByRank.values().stream().filter(c -> c.status.isOnline()).count());
            o.put("parent-count", rank > 0 ? 1 : 0);
            o.put("parent-rpc", parentTracker.count());
            o.put("child-rpc", childByRank.values().stream().mapToInt(c -> c.tracker.count()).sum());
            o.put("dropped", dropped);
            return o;
        });
    }

    /**
     * Forcibly disconnects a direct child's subtree ({@code flux overlay disconnect}): the child is told to
     * disconnect and marked lost.
     *
     * @return completes when done; fails with {@link OverlayException} (ENOENT not a direct child, EINVAL
     *     already offline or lost)
     */
    public CompletableFuture<Void> disconnect(int childRank) {
        return call(() -> {
            Child child = childByRank.get(childRank);
            if (child == null) {
                throw new OverlayException(Errno.ENOENT, "requested rank is not this broker's direct child");
            }
            if (!child.status.isOnline()) {
                throw new OverlayException(Errno.EINVAL, "rank " + childRank + " is already " + child.status.text());
            }
            controlChild(child.uuid, CONTROL_DISCONNECT, 0);
            logLostConnection(child, "disconnected by request");
            childStatusUpdate(child, SubtreeStatus.LOST, "administrative disconnect");
            return null;
        });
    }

    /**
     * From now on a child saying hello is told to disconnect instead of being accepted (flux-core's
     * {@code spurn_hello}, set when the broker leaves the run state).
     */
    public void spurnHello() {
        spurnHello = true;
    }

    /**
     * Says goodbye to the parent before a clean shutdown: the parent marks this broker offline (not lost) and
     * answers; nothing more is sent upstream. Completes at once on rank 0 or if the hello never completed.
     */
    public CompletableFuture<Void> goodbye() {
        submit(() -> {
            if (rank == 0 || !helloResponded || !parentUsable) {
                goodbyeDone.complete(null);
                return;
            }
            Message m = Message.request("overlay.goodbye").rolemask(Roles.OWNER).build();
            if (!sendParent(m)) {
                goodbyeDone.complete(null);
                return;
            }
            goodbyeSent = true;
            parentUsable = false;
        });
        return goodbyeDone;
    }

    /**
     * Stops the overlay thread and closes the sockets and context. Without a {@link #goodbye} first, the parent
     * sees this broker as lost.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        parentUsable = false;
        wake();
        if (thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- the overlay thread

    private void submit(Runnable r) {
        commands.add(r);
        wake();
    }

    private void wake() {
        if (!wakePending.getAndSet(true)) {
            synchronized (wakeLock) {
                if (!contextClosed && wakeTx != null) {
                    wakeTx.send(new byte[0], ZMQ.DONTWAIT);
                }
            }
        }
    }

    /** Runs {@code fn} on the overlay thread (directly if already there). */
    private <T> CompletableFuture<T> call(Supplier<T> fn) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                f.complete(fn.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        };
        if (Thread.currentThread() == thread) {
            r.run();
        } else if (closing || !thread.isAlive()) {
            f.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, "overlay is not running"));
        } else {
            submit(r);
        }
        return f;
    }

    private void run() {
        ZMQ.Poller poller = null;
        int iWake = -1;
        int iZap = -1;
        int iRouter = -1;
        int iRouterMon = -1;
        int iDealer = -1;
        int iDealerMon = -1;
        nextTick = System.nanoTime() + tickNanos;
        try {
            wakeRx = ctx.createSocket(SocketType.PAIR);
            wakeRx.bind(wakeEndpoint);
            ready.countDown();
            while (!closing) {
                if (pollerDirty) {
                    if (poller != null) {
                        poller.close();
                    }
                    poller = ctx.createPoller(6);
                    iWake = poller.register(wakeRx, ZMQ.Poller.POLLIN);
                    iZap = zap != null ? poller.register(zap, ZMQ.Poller.POLLIN) : -1;
                    iRouter = router != null ? poller.register(router, ZMQ.Poller.POLLIN) : -1;
                    iRouterMon = routerMonitor != null ? poller.register(routerMonitor, ZMQ.Poller.POLLIN) : -1;
                    iDealer = dealer != null ? poller.register(dealer, ZMQ.Poller.POLLIN) : -1;
                    iDealerMon = dealerMonitor != null ? poller.register(dealerMonitor, ZMQ.Poller.POLLIN) : -1;
                    pollerDirty = false;
                }
                long now = System.nanoTime();
                long wakeAt = nextTick;
                for (long p : probes) {
                    wakeAt = Math.min(wakeAt, p);
                }
                if (kickUntil != 0) {
                    if (now - kickUntil >= 0) {
                        kickUntil = 0;
                    } else {
                        PollerKick.kick(ctx);
                        wakeAt = Math.min(wakeAt, now + KICK_NANOS);
                    }
                }
                long timeoutMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(wakeAt - now + 999_999));
                poller.poll(timeoutMs);
                if (closing) {
                    break;
                }
                if (poller.pollin(iWake)) {
                    while (wakeRx.recv(ZMQ.DONTWAIT) != null) {
                        // drain
                    }
                    wakePending.set(false);
                    for (Runnable r; (r = commands.poll()) != null; ) {
                        guard("command", r);
                    }
                    if (pollerDirty) {
                        continue;
                    }
                }
                if (iZap >= 0 && poller.pollin(iZap)) {
                    guard("zap", this::handleZap);
                }
                if (iRouter >= 0 && poller.pollin(iRouter)) {
                    for (int n = 0; n < BATCH; n++) {
                        List<byte[]> frames = recvFrames(router);
                        if (frames == null) {
                            break;
                        }
                        guard("child message", () -> childMessage(frames));
                    }
                }
                if (iDealer >= 0 && poller.pollin(iDealer)) {
                    for (int n = 0; n < BATCH; n++) {
                        List<byte[]> frames = recvFrames(dealer);
                        if (frames == null) {
                            break;
                        }
                        guard("parent message", () -> parentMessage(frames));
                    }
                }
                if (iRouterMon >= 0 && poller.pollin(iRouterMon)) {
                    guard("monitor", () -> monitorEvents(routerMonitor, "child"));
                }
                if (iDealerMon >= 0 && poller.pollin(iDealerMon)) {
                    guard("monitor", () -> monitorEvents(dealerMonitor, "parent"));
                }
                now = System.nanoTime();
                boolean probe = false;
                for (var it = probes.iterator(); it.hasNext(); ) {
                    if (it.next() - now <= 0) {
                        it.remove();
                        probe = true;
                    }
                }
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    guard("tick", this::tick);
                } else if (probe) {
                    guard("probe", this::probeChildren);
                }
            }
        } catch (RuntimeException | Error e) {
            if (!closing) {
                log(Severity.CRIT, "overlay thread failed: " + e);
            }
        } finally {
            ready.countDown();
            if (poller != null) {
                poller.close();
            }
            closeSockets();
            parentUsable = false;
            parentReady.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, "overlay closed"));
            goodbyeDone.complete(null);
        }
    }

    private void closeSockets() {
        synchronized (wakeLock) {
            contextClosed = true;
            ctx.close();
        }
    }

    /** Runs one piece of work; whatever it throws is logged and the thread goes on. */
    private void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (ZMQException e) {
            if (closing || e.getErrorCode() == zmq.ZError.ETERM) {
                throw e;
            }
            log(Severity.ERR, what + ": " + e);
        } catch (RuntimeException e) {
            log(Severity.ERR, what + ": " + e);
        }
    }

    private static List<byte[]> recvFrames(ZMQ.Socket s) {
        byte[] first = s.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(6);
        frames.add(first);
        while (s.hasReceiveMore()) {
            frames.add(s.recv(0));
        }
        return frames;
    }

    private void tick() {
        long now = System.nanoTime();
        if (dealer != null && parentUsable && now - lastSent > config.torpidMin().toNanos()) {
            sendParent(Message.control(CONTROL_HEARTBEAT, 0).withRoutesEnabled());
        }
        updateTorpidChildren(now);
        probeChildren();
    }

    /** Sends each online child a HEARTBEAT: a child whose connection is gone fails the send and is lost. */
    private void probeChildren() {
        for (Child c : childByRank.values()) {
            if (c.status.isOnline()) {
                controlChild(c.uuid, CONTROL_HEARTBEAT, 0);
            }
        }
    }

    private void updateTorpidChildren(long now) {
        long max = config.torpidMax().toNanos();
        for (Child c : childByRank.values()) {
            if (!c.status.isOnline() || c.lastseen == 0) {
                continue;
            }
            long silent = now - c.lastseen;
            if (max > 0 && silent >= max) {
                if (!c.torpid) {
                    c.torpid = true;
                    log(Severity.ERR, "broker on " + who(c.rank) + " has been unresponsive for "
                            + Fsd.format(seconds(silent)));
                    notifyChild(c);
                }
            } else if (c.torpid) {
                c.torpid = false;
                log(Severity.ERR, "broker on " + who(c.rank) + " is responsive now");
                notifyChild(c);
            }
        }
    }

    private void monitorEvents(ZMQ.Socket mon, String side) {
        ZMQ.Event ev;
        while ((ev = ZMQ.Event.recv(mon, ZMQ.DONTWAIT)) != null) {
            int e = ev.getEvent();
            boolean failed = (e & (zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
                    | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
                    | ZMQ.EVENT_ACCEPT_FAILED)) != 0;
            log(failed ? Severity.ERR : Severity.DEBUG, side + " sockevent " + ev.getAddress() + " "
                    + eventName(e) + (ev.getValue() != null ? ": " + ev.getValue() : ""));
            if (side.equals("parent")) {
                if (e == ZMQ.EVENT_CONNECTED) {
                    kickUntil = System.nanoTime() + KICK_FOR_NANOS;
                } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
                    kickUntil = 0;
                }
            }
            if (e == ZMQ.EVENT_DISCONNECTED && side.equals("child")) {
                probeChildren();
                probes.add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_AFTER_DISCONNECT_MS));
            }
        }
    }

    private static String eventName(int e) {
        if (e == ZMQ.EVENT_CONNECTED) {
            return "CONNECTED";
        } else if (e == ZMQ.EVENT_DISCONNECTED) {
            return "DISCONNECTED";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
            return "HANDSHAKE_SUCCEEDED";
        } else if (e == ZMQ.EVENT_ACCEPTED) {
            return "ACCEPTED";
        } else if (e == ZMQ.EVENT_ACCEPT_FAILED) {
            return "ACCEPT_FAILED";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
            return "HANDSHAKE_FAILED_AUTH";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
            return "HANDSHAKE_FAILED_PROTOCOL";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
            return "HANDSHAKE_FAILED_NO_DETAIL";
        }
        return "event " + e;
    }

    // ---------------------------------------------------------------- ZAP (ZeroMQ RFC 27)

    /**
     * Answers one ZAP request: version "1.0", mechanism CURVE and a client key that {@link #authorize} admitted
     * get 200; anything else 400 and a log line.
     */
    private void handleZap() {
        List<byte[]> req = recvFrames(zap);
        if (req == null) {
            return;
        }
        String code = "400";
        String text = "No access";
        String userId = "";
        if (req.size() < 7 || !"1.0".equals(str(req.get(0))) || !"CURVE".equals(str(req.get(5)))
                || req.get(6).length != CurveCert.KEY_SIZE) {
            log(Severity.ERR, "ZAP request decode error");
        } else {
            String key = Z85.encode(req.get(6));
            String name = authorized.get(key);
            if (name != null) {
                code = "200";
                text = "OK";
                userId = key;
                log(Severity.DEBUG, "overlay auth " + (name.isEmpty() ? key : name) + " from " + str(req.get(3)));
            } else {
                log(Severity.ERR, "overlay auth " + text + ": CURVE key " + key + " from " + str(req.get(3))
                        + " is not authorized");
            }
        }
        if (req.size() < 2) {
            return; // cannot answer without a request id; the handshake times out
        }
        zap.send(req.get(0), ZMQ.SNDMORE);
        zap.send(req.get(1), ZMQ.SNDMORE);
        zap.send(code, ZMQ.SNDMORE);
        zap.send(text, ZMQ.SNDMORE);
        zap.send(userId, ZMQ.SNDMORE);
        zap.send(new byte[0], 0);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- downstream (children)

    private void childMessage(List<byte[]> frames) {
        Message msg;
        try {
            msg = MessageCodec.fromFrames(frames);
        } catch (FormatException e) {
            dropped++;
            log(Severity.ERR, "DROP downstream message from " + printable(frames.get(0)) + ": malformed message: "
                    + e.getMessage());
            return;
        }
        msg = msg.withCred(msg.userid(), msg.rolemask() & ~Roles.LOCAL);
        String from = msg.routeLast();
        if (from == null) {
            logdrop("downstream", msg, null, "malformed message");
            return;
        }
        Child child = onlineByUuid.get(from);
        if (child == null) {
            if (msg.type() == MessageType.REQUEST && "overlay.hello".equals(msg.topic()) && !spurnHello) {
                helloRequest(msg, from);
            } else {
                controlChild(from, CONTROL_DISCONNECT, 0); // a stale or unknown peer
            }
            return;
        }
        child.lastseen = System.nanoTime();
        switch (msg.type()) {
            case CONTROL -> {
                if (msg.controlType() == CONTROL_STATUS) {
                    childStatusUpdate(child, SubtreeStatus.of(msg.controlStatus()), null);
                }
                return;
            }
            case REQUEST -> {
                if ("overlay.goodbye".equals(msg.topic())) {
                    goodbyeRequest(child, msg);
                    return;
                }
                if (passRequest(msg, true)) {
                    return;
                }
            }
            case RESPONSE -> {
                msg = msg.withRouteDeletedLast().withRouteDeletedLast(); // the child's id, then ours
                child.tracker.update(msg);
                if (passResponse(msg)) {
                    return;
                }
            }
            case EVENT -> {
                if (rank > 0) {
                    sendParent(msg.withRoutesEnabled());
                    return;
                }
                msg = msg.withRoutesDisabled();
            }
            default -> {
            }
        }
        deliver(msg, new Peer(Direction.CHILD, child.rank));
    }

    private void helloRequest(Message msg, String from) {
        int errnum;
        String errmsg = null;
        try {
            if (msg.isNoResponse()) {
                return;
            }
            ObjectNode o = msg.payloadObject();
            if (!isInt(o, "rank") || !isInt(o, "version") || !o.path("uuid").isTextual() || !isInt(o, "status")
                    || (o.has("hostname") && !o.get("hostname").isTextual())) {
                throw new FormatException("overlay.hello: malformed payload");
            }
            int childRank = o.get("rank").asInt();
            int version = o.get("version").asInt();
            String hostname = o.has("hostname") ? o.get("hostname").asText() : null;
            if (!msg.authorizes(Message.USERID_UNKNOWN)) {
                log(Severity.ERR, "rejecting connection from " + who(childRank) + ": not owner");
                throw new OverlayException(Errno.EPERM, null);
            }
            String expected = config.hostOf(childRank);
            if (hostname != null && expected != null && !hostname.equals(expected)) {
                errmsg = expected + " is configured as rank " + childRank + ": mismatched config?";
                log(Severity.ERR, "rejecting connection from " + hostname + " (rank " + childRank + "): " + errmsg);
                throw new OverlayException(Errno.EINVAL, errmsg);
            }
            Child child = childByRank.get(childRank);
            if (child == null) {
                errmsg = "rank " + childRank + " is not a child of rank " + rank + ": mismatched config?";
                log(Severity.ERR, "rejecting connection from " + who(childRank) + ": " + errmsg);
                throw new OverlayException(Errno.EINVAL, errmsg);
            }
            if (!o.get("uuid").asText().equals(from)) {
                errmsg = "hello uuid does not match the connection's routing id";
                log(Severity.ERR, "rejecting connection from " + who(childRank) + ": " + errmsg);
                throw new OverlayException(Errno.EPROTO, errmsg);
            }
            int level = Severity.DEBUG;
            if (child.status.isOnline()) {
                log(Severity.ERR, who(child.rank) + " reconnected after crash, dropping old connection state");
                childStatusUpdate(child, SubtreeStatus.LOST, null);
                level = Severity.ERR;
            }
            if (major(version) != major(config.version()) || minor(version) != minor(config.version())) {
                errmsg = "client (" + versionString(version) + ") version mismatched with server ("
                        + versionString(config.version()) + ")";
                child.error = errmsg;
                throw new OverlayException(Errno.EINVAL, errmsg);
            }
            child.uuid = from;
            SubtreeStatus st = SubtreeStatus.of(o.get("status").asInt());
            childStatusUpdate(child, st.isOnline() ? st : SubtreeStatus.PARTIAL, null);
            log(level, "accepting connection from " + who(child.rank) + " status " + child.status.text());
            ObjectNode payload = Json.object().put("uuid", uuid);
            sendChild(Message.responseTo(msg).payloadJson(payload).build());
            return;
        } catch (FormatException e) {
            errnum = Errno.EPROTO.number();
            errmsg = e.getMessage();
            log(Severity.ERR, "DROP downstream request overlay.hello from " + from + ": " + errmsg);
        } catch (OverlayException e) {
            errnum = e.errno().number();
        }
        sendChild(Message.errorResponse(msg, errnum, errmsg));
    }

    private void goodbyeRequest(Child child, Message msg) {
        if (!msg.isNoResponse()) {
            sendChild(Message.responseTo(msg).build());
        }
        childStatusUpdate(child, SubtreeStatus.OFFLINE, "administrative shutdown");
    }

    /** A child's status changed (or was reported again); flux-core's {@code overlay_child_status_update}. */
    private void childStatusUpdate(Child child, SubtreeStatus st, String reason) {
        SubtreeStatus old = child.status;
        if (reason != null || st.isOnline()) {
            child.error = reason; // before the status is published: readers see both together
        }
        if (old != st) {
            if (old.isOnline() && !st.isOnline()) {
                onlineByUuid.remove(child.uuid, child);
            } else if (!old.isOnline() && st.isOnline()) {
                onlineByUuid.put(child.uuid, child);
                child.lastseen = System.nanoTime();
            }
            child.status = st;
            child.statusNanos = System.nanoTime();
            if (!st.isOnline()) {
                child.torpid = false;
                failChildRpcs(child);
            }
            subtreeStatusUpdate();
            notifyChild(child);
        }
    }

    private void subtreeStatusUpdate() {
        List<SubtreeStatus> kids = new ArrayList<>(childByRank.size());
        for (Child c : childByRank.values()) {
            kids.add(c.status);
        }
        SubtreeStatus st = SubtreeStatus.of(kids);
        if (st != status) {
            status = st;
            statusNanos = System.nanoTime();
            if (dealer != null && parentUsable) {
                sendParent(Message.control(CONTROL_STATUS, st.code()).withRoutesEnabled());
            }
            try {
                listener.onStatus(st);
            } catch (RuntimeException e) {
                log(Severity.ERR, "listener onStatus: " + e);
            }
        }
    }

    /** Pending requests through a child that went away get EHOSTUNREACH responses. */
    private void failChildRpcs(Child child) {
        for (Message req : child.tracker.purge()) {
            Message rsp = Message.errorResponse(req, Errno.EHOSTUNREACH.number(), null);
            rsp = rsp.withRouteDeletedLast().withRouteDeletedLast();
            routeFailure(rsp, child);
        }
    }

    private void failParentRpcs() {
        for (Message req : parentTracker.purge()) {
            routeFailure(Message.errorResponse(req, Errno.EHOSTUNREACH.number(), "overlay disconnect"), null);
        }
    }

    private void routeFailure(Message rsp, Child lost) {
        String next = rsp.routeLast();
        if (next != null && onlineByUuid.containsKey(next)) {
            sendChild(rsp);
        } else if (next != null && next.equals(parentUuid) && parentUsable) {
            sendParent(rsp);
        } else {
            deliver(rsp, lost != null ? new Peer(Direction.CHILD, lost.rank)
                    : new Peer(Direction.PARENT, topo.parentOf(rank)));
        }
    }

    private void sendDownstreamRequest(Child child, Message request) {
        if (!child.status.isOnline()) {
            if (!request.isNoResponse()) {
                routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), child);
            }
            return;
        }
        Message m = request.withRoutesEnabled().withRoutePushed(uuid).withRoutePushed(child.uuid);
        if (sendChild(m)) {
            child.tracker.update(m);
        } else if (!request.isNoResponse()) {
            routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), child);
        }
    }

    /** Sends to the child named by the message's last route; a missing connection loses that child. */
    private boolean sendChild(Message m) {
        if (router == null) {
            return false;
        }
        List<byte[]> frames = MessageCodec.toFrames(m);
        try {
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                if (!router.send(frames.get(i), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                    log(Severity.ERR, "DROP downstream message to " + m.routeLast() + ": would block");
                    return false;
                }
            }
            return router.send(frames.get(last), ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            if (e.getErrorCode() != zmq.ZError.EHOSTUNREACH) {
                throw e;
            }
            Child child = onlineByUuid.get(m.routeLast());
            if (child != null) {
                logLostConnection(child, "failed");
                childStatusUpdate(child, SubtreeStatus.LOST, "lost connection");
            }
            return false;
        }
    }

    private void controlChild(String childUuid, int type, int st) {
        if (childUuid != null) {
            sendChild(Message.control(type, st).withRoutesEnabled().withRoutePushed(childUuid));
        }
    }

    private void multicast(Message event) {
        Message m = event.withRoutesEnabled();
        for (Child c : childByRank.values()) {
            if (c.status.isOnline()) {
                sendChild(m.withRoutePushed(c.uuid));
            }
        }
    }

    // ---------------------------------------------------------------- upstream (parent)

    private void sendHello() {
        ObjectNode o = Json.object();
        o.put("rank", rank);
        o.put("version", config.version());
        o.put("uuid", uuid);
        o.put("status", status.code());
        if (config.hostname() != null) {
            o.put("hostname", config.hostname());
        }
        Message hello = Message.request("overlay.hello").rolemask(Roles.OWNER).payloadJson(o).build();
        sendParent(hello);
    }

    private void sendUpstreamRequest(Message request) {
        if (sendParent(request)) {
            parentTracker.update(request);
        } else if (!request.isNoResponse()) {
            routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), null);
        }
    }

    private boolean sendParent(Message m) {
        if (dealer == null || parentOffline || goodbyeSent) {
            return false;
        }
        List<byte[]> frames = MessageCodec.toFrames(m);
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            if (!dealer.send(frames.get(i), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                log(Severity.ERR, "DROP upstream message: would block");
                return false;
            }
        }
        if (!dealer.send(frames.get(last), ZMQ.DONTWAIT)) {
            return false;
        }
        lastSent = System.nanoTime();
        return true;
    }

    private void parentMessage(List<byte[]> frames) {
        kickUntil = 0; // the handshake is done (JeroMQ reports no HANDSHAKE_SUCCEEDED on the connecting side)
        Message msg;
        try {
            msg = MessageCodec.fromFrames(frames);
        } catch (FormatException e) {
            dropped++;
            log(Severity.ERR, "DROP upstream message: malformed message: " + e.getMessage());
            return;
        }
        msg = msg.withCred(msg.userid(), msg.rolemask() & ~Roles.LOCAL);
        if (!helloResponded) {
            if (msg.type() == MessageType.RESPONSE && "overlay.hello".equals(msg.topic())) {
                helloResponse(msg);
                return;
            }
            if (msg.type() != MessageType.CONTROL) {
                logdrop("upstream", msg, null, "message received before hello handshake completed");
                return;
            }
        }
        switch (msg.type()) {
            case RESPONSE -> {
                if (goodbyeSent && "overlay.goodbye".equals(msg.topic())) {
                    goodbyeDone.complete(null);
                    return;
                }
                parentTracker.update(msg);
                if (passResponse(msg)) {
                    return;
                }
            }
            case REQUEST -> {
                if (passRequest(msg, false)) {
                    return;
                }
            }
            case EVENT -> {
                checkSequence(msg);
                multicast(msg);
                msg = msg.withRoutesDisabled();
            }
            case CONTROL -> {
                if (msg.controlType() == CONTROL_DISCONNECT) {
                    log(Severity.CRIT, who(topo.parentOf(rank)) + " sent disconnect control message");
                    parentDisconnect("parent sent disconnect control message");
                } else if (msg.controlType() != CONTROL_HEARTBEAT) { // the parent's liveness probe
                    logdrop("upstream", msg, null, "unknown control type");
                }
                return;
            }
            default -> {
            }
        }
        deliver(msg, new Peer(Direction.PARENT, topo.parentOf(rank)));
    }

    /**
     * Passes a request straight on when it is neither for this broker nor one it could serve: addressed to a
     * rank below one of its children (down), or, from a child, to a rank outside this subtree (up). The
     * router would send it the same way; doing it here saves two thread hops per broker on the path.
     */
    private boolean passRequest(Message msg, boolean fromChild) {
        int nodeid = msg.nodeid();
        if (msg.isUpstream() || nodeid == Message.NODEID_ANY || nodeid == rank || nodeid < 0
                || nodeid >= topo.size()) {
            return false;
        }
        int c = topo.childRoute(rank, nodeid);
        if (c >= 0) {
            sendDownstreamRequest(childByRank.get(c), msg);
            return true;
        }
        if (fromChild && rank > 0) {
            sendUpstreamRequest(msg);
            return true;
        }
        return false;
    }

    /** Passes a response straight on when its next hop is the parent or a child (not a local endpoint). */
    private boolean passResponse(Message msg) {
        String next = msg.routeLast();
        if (next == null) {
            return false;
        }
        if (onlineByUuid.containsKey(next)) {
            sendChild(msg);
            return true;
        }
        if (next.equals(parentUuid) && parentUsable) {
            sendParent(msg);
            return true;
        }
        return false;
    }

    private void helloResponse(Message msg) {
        helloResponded = true;
        String error;
        try {
            if (msg.errnum() == 0) {
                String parent = msg.payloadObject().path("uuid").asText("");
                if (!parent.isEmpty()) {
                    parentUuid = parent;
                    log(Severity.DEBUG, "hello parent " + topo.parentOf(rank) + " " + parent);
                    parentReady.complete(null);
                    return;
                }
                error = "overlay.hello: response has no uuid";
            } else {
                String s = msg.hasPayload() ? msg.errorString() : null;
                error = "overlay.hello: " + (s != null && !s.isEmpty() ? s : Errno.strerror(msg.errnum()));
            }
        } catch (FormatException e) {
            error = "overlay.hello: " + e.getMessage();
        }
        log(Severity.ERR, error);
        parentUsable = false;
        parentReady.completeExceptionally(new OverlayException(Errno.EPROTO, error));
        notifyParentLost(error);
    }

    private void parentDisconnect(String reason) {
        if (dealer != null && !parentOffline) {
            try {
                dealer.disconnect(parentUri);
            } catch (ZMQException e) {
                log(Severity.DEBUG, "disconnect " + parentUri + ": " + e);
            }
            parentOffline = true;
            parentUsable = false;
            failParentRpcs();
            parentReady.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, reason));
            notifyParentLost(reason);
        }
    }

    private void checkSequence(Message event) {
        int seq = event.sequence();
        if (Integer.compareUnsigned(seq, eventSeq) <= 0) {
            log(Severity.DEBUG, "duplicate event " + Integer.toUnsignedString(seq));
            return;
        }
        if (eventSeq > 0) {
            int first = eventSeq + 1;
            int count = seq - first;
            if (count > 1) {
                log(Severity.ERR, "lost events " + first + "-" + (seq - 1));
            } else if (count == 1) {
                log(Severity.ERR, "lost event " + first);
            }
        }
        eventSeq = seq;
    }

    // ---------------------------------------------------------------- helpers

    private void deliver(Message msg, Peer from) {
        try {
            listener.onMessage(msg, from);
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener failed on " + msg.type().typeName() + " "
                    + (msg.hasTopic() ? msg.topic() : "-") + ": " + e);
        }
    }

    private void notifyChild(Child c) {
        try {
            listener.onChildStatus(info(c, System.nanoTime()));
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener onChildStatus: " + e);
        }
    }

    private void notifyParentLost(String reason) {
        try {
            listener.onParentLost(reason);
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener onParentLost: " + e);
        }
    }

    private static ChildInfo info(Child c, long now) {
        return new ChildInfo(c.rank, c.status, c.torpid, seconds(now - c.statusNanos), c.error);
    }

    private void logLostConnection(Child child, String why) {
        int n = topo.descendantCount(child.rank);
        log(Severity.ERR, who(child.rank) + " " + why
                + (n > 0 ? " and severed contact with " + n + " other nodes" : ""));
    }

    private void logdrop(String where, Message msg, String childUuid, String reason) {
        dropped++;
        log(Severity.ERR, "DROP " + where + " " + msg.type().typeName() + " topic "
                + (msg.hasTopic() ? msg.topic() : "-") + (childUuid != null ? " from " + childUuid : "") + ": "
                + reason);
    }

    private void log(int severity, String text) {
        try {
            listener.log(severity, text);
        } catch (RuntimeException e) {
            // a failing logger must not stop the overlay
        }
    }

    /** "host (rank N)" when host names are known, else "rank N". */
    private String who(int r) {
        String host = config.hostOf(r);
        return host != null ? host + " (rank " + r + ")" : "rank " + r;
    }

    private static String printable(byte[] id) {
        StringBuilder sb = new StringBuilder();
        for (byte b : id) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
            if (sb.length() > 64) {
                sb.append("...");
                break;
            }
        }
        return sb.toString();
    }

    /** A JSON integer that fits an int (the shared mapper reads integers as BigInteger). */
    private static boolean isInt(ObjectNode o, String field) {
        var n = o.get(field);
        return n != null && n.isIntegralNumber() && n.canConvertToInt();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int major(int v) {
        return (v >> 16) & 0xff;
    }

    private static int minor(int v) {
        return (v >> 8) & 0xff;
    }

    private static String versionString(int v) {
        return major(v) + "." + minor(v) + "." + (v & 0xff);
    }
}
