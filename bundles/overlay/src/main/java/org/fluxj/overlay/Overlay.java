package org.fluxj.overlay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.formats.curve.Z85;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.kernel.api.Severity;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

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
 *
 * <p><b>Parts</b>, along flux-core's seams: {@link IoThread} (the thread, the context, the poller),
 * {@link Zap} (CURVE authentication), {@link Children} (the ROUTER and child tracking, children.c) and
 * {@link ParentLink} (the DEALER and the hello, parent.c); this class routes between them and is what
 * the broker sees.
 */
public final class Overlay implements AutoCloseable {
    /** Control message types (flux-core {@code enum control_type}). */
    public static final int CONTROL_HEARTBEAT = 0;
    public static final int CONTROL_STATUS = 1;
    public static final int CONTROL_DISCONNECT = 2;

    static final int LINGER_MS = 5;
    /**
     * A ZMTP/CURVE handshake not done in this time is dropped and the child reconnects. JeroMQ 0.6.0 was seen
     * here to stall, rarely, one of two handshakes accepted at the same moment by one ROUTER; the default (30 s)
     * made that a 30 s delay in joining.
     */
    static final int HANDSHAKE_MS = 5000;

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

    private final OverlayConfig config;
    private final OverlayListener listener;
    private final int rank;
    private final String uuid;
    private final Topology topo;
    private final IoThread io;
    private final Zap zap;
    private final Children children;
    private final ParentLink parent;
    private final long tickNanos;
    private volatile String boundUri;
    private volatile boolean started;
    private boolean closed; // guarded by this
    private long nextTick;
    private int dropped;

    /**
     * Creates the overlay (its ZeroMQ context and thread); nothing is bound or connected yet.
     *
     * @param listener receives messages, state changes and log lines, on the overlay thread
     */
    public Overlay(OverlayConfig config, OverlayListener listener) {
        this.config = config;
        this.listener = listener;
        this.rank = config.rank();
        this.uuid = config.uuid();
        this.topo = config.topology();
        this.children = new Children(this, config);
        this.parent = new ParentLink(this, config);
        this.zap = new Zap(this::log);
        long tick = Math.min(TimeUnit.SECONDS.toNanos(1), config.torpidMin().toNanos() / 2);
        if (!config.torpidMax().isZero()) {
            tick = Math.min(tick, config.torpidMax().toNanos() / 2);
        }
        this.tickNanos = Math.max(tick, TimeUnit.MILLISECONDS.toNanos(10));
        this.nextTick = System.nanoTime() + tickNanos;
        // As flux-core, only the leader gets more than one I/O thread.
        this.io = new IoThread("overlay-" + rank, rank == 0 ? config.zmqIoThreads() : 1, LINGER_MS, uuid, this::log);
        io.start(new IoThread.Timers() {
            @Override
            public long beforePoll(long now) {
                return parent.kick(io, now, children.nextProbe(nextTick));
            }

            @Override
            public void afterPoll(long now) {
                boolean probe = children.probesDue(now);
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    io.guard("tick", () -> tick(now));
                } else if (probe) {
                    io.guard("probe", children::probe);
                }
            }
        }, parent::closed);
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
        return children.ranks();
    }

    // ---------------------------------------------------------------- set-up

    /**
     * Admits a child presenting this CURVE public key ({@code overlay_authorize}). In test mode each child's key
     * is authorized; in a configured instance every broker shares one certificate, so its own key is.
     *
     * @throws IllegalArgumentException if the key is not 40 characters of Z85
     */
    public void authorize(String name, String publicKeyText) {
        zap.authorize(name, publicKeyText);
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
        if (children.isEmpty()) {
            throw new IllegalStateException("rank " + rank + " has no children to bind for");
        }
        if (boundUri != null || started) {
            throw new IllegalStateException("overlay already bound or started");
        }
        return io.await(() -> {
            zap.bind(io);
            String bound = children.bind(io, uri);
            boundUri = bound;
            log(Severity.DEBUG, "listening on " + bound);
            return bound;
        });
    }

    /** The endpoint {@link #bind} bound, or null. */
    public String boundUri() {
        return boundUri;
    }

    /**
     * Starts the overlay; on a rank above 0, connects to the parent and says hello.
     *
     * @param parentUri the parent's bound endpoint (ignored on rank 0)
     * @param parentPublicKey the parent's CURVE public key (ignored on rank 0)
     */
    public synchronized void start(String parentUri, String parentPublicKey) {
        if (started) {
            throw new IllegalStateException("overlay already started");
        }
        if (!children.isEmpty() && boundUri == null) {
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
            parent.setUsable(true);
            io.await(() -> {
                parent.connect(io, parentUri, serverKey);
                return null;
            });
        } else {
            parent.ready().complete(null);
        }
        started = true;
    }

    /** Completes when the parent has accepted this broker's hello (at once on rank 0); fails if it refused. */
    public CompletableFuture<Void> parentReady() {
        return parent.ready();
    }

    /** What both sides' sockets share: CURVE with this broker's certificate, checked by ZAP, and keepalive. */
    void secure(ZMQ.Socket s) {
        s.setZAPDomain(Zap.DOMAIN);
        s.setCurvePublicKey(config.cert().publicKey());
        s.setCurveSecretKey(config.cert().secretKey());
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
            Children.Child child = children.get(childRank);
            if (!child.status.isOnline()) {
                return SendResult.EHOSTUNREACH;
            }
            io.submit(() -> children.sendRequest(child, request));
            return SendResult.DOWNSTREAM;
        }
        if (rank == 0) {
            return !upstream && (nodeid == 0 || nodeid == Message.NODEID_ANY) ? SendResult.ENOSYS
                    : SendResult.EHOSTUNREACH;
        }
        if (!parent.usable()) {
            return SendResult.EHOSTUNREACH;
        }
        io.submit(() -> parent.sendRequest(request));
        return SendResult.UPSTREAM;
    }

    /**
     * Sends a request, response or event to the parent as it is (events get their route stack enabled).
     *
     * @return false if there is no usable parent (rank 0, refused, disconnected, or goodbye sent)
     */
    public boolean sendUpstream(Message msg) {
        if (rank == 0 || !parent.usable()) {
            return false;
        }
        io.submit(() -> {
            if (msg.type() == MessageType.REQUEST) {
                parent.sendRequest(msg);
            } else {
                parent.send(msg.type() == MessageType.EVENT ? msg.withRoutesEnabled() : msg);
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
        if (next.equals(parent.uuid())) {
            return sendUpstream(response);
        }
        if (children.online(next) == null) {
            return false;
        }
        io.submit(() -> children.send(response));
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
            io.submit(() -> children.multicast(event));
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
            return children.get(c).status.isOnline();
        }
        return rank > 0 && parent.usable();
    }

    // ---------------------------------------------------------------- queries and admin (any thread)

    /** This broker's subtree status. */
    public SubtreeStatus status() {
        return children.status();
    }

    /** A direct child's status, or null if {@code childRank} is not a direct child. */
    public SubtreeStatus childStatus(int childRank) {
        Children.Child c = children.get(childRank);
        return c == null ? null : c.status;
    }

    /** This broker's health and its children's, as {@code overlay.health} reports them. */
    public Health health() {
        long now = System.nanoTime();
        List<ChildInfo> kids = new ArrayList<>();
        for (Children.Child c : children.all()) {
            kids.add(c.info(now));
        }
        return new Health(rank, children.status(), (now - children.statusNanos()) / 1e9, List.copyOf(kids));
    }

    /** The {@code overlay.topology} payload for this rank or a direct child. */
    public Topology.Subtree subtree(int r) {
        if (r != rank && children.get(r) == null) {
            throw new IllegalArgumentException("requested rank is not this broker or its direct child");
        }
        return topo.subtree(r);
    }

    /** {@code overlay.stats-get}: child-count, child-connected, parent-count, parent-rpc, child-rpc. */
    public CompletableFuture<ObjectNode> stats() {
        return io.call(() -> {
            ObjectNode o = Json.object();
            o.put("child-count", children.all().size());
            o.put("child-connected", (int) children.all().stream().filter(c -> c.status.isOnline()).count());
            o.put("parent-count", rank > 0 ? 1 : 0);
            o.put("parent-rpc", parent.pendingRpcs());
            o.put("child-rpc", children.all().stream().mapToInt(c -> c.tracker.count()).sum());
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
        return io.call(() -> {
            children.disconnect(childRank);
            return null;
        });
    }

    /**
     * Drops the connection to the parent, as if the parent had sent a disconnect: pending
     * requests upstream fail and the listener hears the parent lost (flux-core's
     * {@code overlay.disconnect-parent}, which the heartbeat module asks for after its timeout).
     */
    public void disconnectParent(String reason) {
        log(Severity.CRIT, "disconnecting: " + reason);
        io.submit(() -> parent.disconnect(reason));
    }

    /**
     * From now on a child saying hello is told to disconnect instead of being accepted (flux-core's
     * {@code spurn_hello}, set when the broker leaves the run state).
     */
    public void spurnHello() {
        children.spurnHello();
    }

    /**
     * Says goodbye to the parent before a clean shutdown: the parent marks this broker offline (not lost) and
     * answers; nothing more is sent upstream. Completes at once on rank 0 or if the hello never completed.
     */
    public CompletableFuture<Void> goodbye() {
        io.submit(parent::goodbye);
        return parent.goodbyeDone();
    }

    /**
     * Stops the overlay thread and closes the sockets and context. Without a {@link #goodbye} first, the parent
     * sees this broker as lost.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        parent.setUsable(false);
        io.close();
    }

    // ---------------------------------------------------------------- the overlay thread: between the parts

    Children downstream() {
        return children;
    }

    ParentLink upstream() {
        return parent;
    }

    private void tick(long now) {
        parent.tick(now);
        children.updateTorpid(now);
        children.probe();
    }

    /**
     * Passes a request straight on when it is neither for this broker nor one it could serve: addressed to a
     * rank below one of its children (down), or, from a child, to a rank outside this subtree (up). The
     * router would send it the same way; doing it here saves two thread hops per broker on the path.
     */
    boolean passRequest(Message msg, boolean fromChild) {
        int nodeid = msg.nodeid();
        if (msg.isUpstream() || nodeid == Message.NODEID_ANY || nodeid == rank || nodeid < 0
                || nodeid >= topo.size()) {
            return false;
        }
        int c = topo.childRoute(rank, nodeid);
        if (c >= 0) {
            children.sendRequest(children.get(c), msg);
            return true;
        }
        if (fromChild && rank > 0) {
            parent.sendRequest(msg);
            return true;
        }
        return false;
    }

    /** Passes a response straight on when its next hop is the parent or a child (not a local endpoint). */
    boolean passResponse(Message msg) {
        String next = msg.routeLast();
        if (next == null) {
            return false;
        }
        if (children.isOnline(next)) {
            children.send(msg);
            return true;
        }
        if (next.equals(parent.uuid()) && parent.usable()) {
            parent.send(msg);
            return true;
        }
        return false;
    }

    /** An error response for a request that could not go on: back the way it came, or to the broker. */
    void routeFailure(Message rsp, Children.Child lost) {
        String next = rsp.routeLast();
        if (next != null && children.isOnline(next)) {
            children.send(rsp);
        } else if (next != null && next.equals(parent.uuid()) && parent.usable()) {
            parent.send(rsp);
        } else {
            deliver(rsp, lost != null ? new Peer(Direction.CHILD, lost.rank)
                    : new Peer(Direction.PARENT, parent.parentRank()));
        }
    }

    void deliver(Message msg, Peer from) {
        try {
            listener.onMessage(msg, from);
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener failed on " + msg.type().typeName() + " "
                    + (msg.hasTopic() ? msg.topic() : "-") + ": " + e);
        }
    }

    void notifyChild(Children.Child c) {
        try {
            listener.onChildStatus(c.info(System.nanoTime()));
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener onChildStatus: " + e);
        }
    }

    void notifyStatus(SubtreeStatus st) {
        try {
            listener.onStatus(st);
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener onStatus: " + e);
        }
    }

    void notifyParentLost(String reason) {
        try {
            listener.onParentLost(reason);
        } catch (RuntimeException e) {
            log(Severity.ERR, "listener onParentLost: " + e);
        }
    }

    void countDrop() {
        dropped++;
    }

    void logdrop(String where, Message msg, String reason) {
        dropped++;
        log(Severity.ERR, "DROP " + where + " " + msg.type().typeName() + " topic "
                + (msg.hasTopic() ? msg.topic() : "-") + ": " + reason);
    }

    void log(int severity, String text) {
        try {
            listener.log(severity, text);
        } catch (RuntimeException e) {
            // a failing logger must not stop the overlay
        }
    }

    /** "host (rank N)" when host names are known, else "rank N". */
    String who(int r) {
        String host = config.hostOf(r);
        return host != null ? host + " (rank " + r + ")" : "rank " + r;
    }
}
