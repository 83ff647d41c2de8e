package org.fluxj.overlay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The overlay's downstream side, as flux-core's overlay children.c: the ROUTER socket the
 * children connect to, their hello and goodbye, their subtree states (and from them this
 * broker's own), torpid and lost detection, and the requests in flight through each. Everything
 * here runs on the {@link IoThread}, except the reads of a child's (volatile) status.
 */
final class Children {
    private static final int BATCH = 256;
    private static final long PROBE_AFTER_DISCONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A direct child. Fields other than {@code status} are touched by the overlay thread only. */
    static final class Child {
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

        Overlay.ChildInfo info(long now) {
            return new Overlay.ChildInfo(rank, status, torpid, (now - statusNanos) / 1e9, error);
        }
    }

    private final Overlay overlay;
    private final OverlayConfig config;
    private final int rank;
    private final Map<Integer, Child> byRank;
    private final Map<String, Child> onlineByUuid = new ConcurrentHashMap<>();
    private final List<Long> probes = new ArrayList<>();
    private volatile SubtreeStatus status;
    private volatile long statusNanos = System.nanoTime();
    private volatile boolean spurnHello; // shutting down: children saying hello are told to disconnect
    private ZMQ.Socket router;
    private ZMQ.Socket monitor;

    Children(Overlay overlay, OverlayConfig config) {
        this.overlay = overlay;
        this.config = config;
        this.rank = config.rank();
        Map<Integer, Child> kids = new LinkedHashMap<>();
        for (int c : config.topology().childrenOf(rank)) {
            kids.put(c, new Child(c));
        }
        this.byRank = Collections.unmodifiableMap(kids);
        this.status = kids.isEmpty() ? SubtreeStatus.FULL : SubtreeStatus.PARTIAL;
    }

    boolean isEmpty() {
        return byRank.isEmpty();
    }

    List<Integer> ranks() {
        return List.copyOf(byRank.keySet());
    }

    Child get(int childRank) {
        return byRank.get(childRank);
    }

    Collection<Child> all() {
        return byRank.values();
    }

    /** Whether a message whose next hop is {@code uuid} goes to an online child. */
    boolean isOnline(String childUuid) {
        return onlineByUuid.containsKey(childUuid);
    }

    Child online(String childUuid) {
        return onlineByUuid.get(childUuid);
    }

    /** This broker's subtree status, and since when. */
    SubtreeStatus status() {
        return status;
    }

    long statusNanos() {
        return statusNanos;
    }

    void spurnHello() {
        spurnHello = true;
    }

    /** The I/O thread: the ROUTER the children connect to, bound to {@code uri}; returns the endpoint. */
    String bind(IoThread io, String uri) {
        router = io.context().createSocket(SocketType.ROUTER);
        router.setSndHWM(0);
        router.setRcvHWM(config.childRcvhwm());
        router.setLinger(Overlay.LINGER_MS);
        router.setRouterMandatory(true);
        router.setHandshakeIvl(Overlay.HANDSHAKE_MS);
        router.setCurveServer(true);
        overlay.secure(router);
        monitor = io.monitor(router, "router-" + config.uuid(), ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_ACCEPTED
                | ZMQ.EVENT_ACCEPT_FAILED | IoThread.HANDSHAKE_FAILED);
        io.register(router, "child message", this::receive);
        io.register(monitor, "monitor", this::monitorEvents);
        router.bind(uri);
        return router.getLastEndpoint();
    }

    private void receive() {
        for (int n = 0; n < BATCH; n++) {
            List<byte[]> frames = IoThread.recvFrames(router);
            if (frames == null) {
                break;
            }
            message(frames);
        }
    }

    private void monitorEvents() {
        ZMQ.Event ev;
        while ((ev = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
            int e = ev.getEvent();
            overlay.log(IoThread.failed(e) ? Severity.ERR : Severity.DEBUG, "child sockevent " + ev.getAddress() + " "
                    + IoThread.eventName(e) + (ev.getValue() != null ? ": " + ev.getValue() : ""));
            if (e == ZMQ.EVENT_DISCONNECTED) {
                probe();
                probes.add(System.nanoTime() + PROBE_AFTER_DISCONNECT_NANOS);
            }
        }
    }

    /** The earliest probe due after a disconnect, or {@code wakeAt}. */
    long nextProbe(long wakeAt) {
        for (long p : probes) {
            wakeAt = Math.min(wakeAt, p);
        }
        return wakeAt;
    }

    /** Drops the probes due by {@code now}; true if there were any. */
    boolean probesDue(long now) {
        return probes.removeIf(p -> p - now <= 0);
    }

    /** Sends each online child a HEARTBEAT: a child whose connection is gone fails the send and is lost. */
    void probe() {
        for (Child c : byRank.values()) {
            if (c.status.isOnline()) {
                control(c.uuid, Overlay.CONTROL_HEARTBEAT, 0);
            }
        }
    }

    void updateTorpid(long now) {
        long max = config.torpidMax().toNanos();
        for (Child c : byRank.values()) {
            if (!c.status.isOnline() || c.lastseen == 0) {
                continue;
            }
            long silent = now - c.lastseen;
            if (max > 0 && silent >= max) {
                if (!c.torpid) {
                    c.torpid = true;
                    overlay.log(Severity.ERR, "broker on " + overlay.who(c.rank) + " has been unresponsive for "
                            + Fsd.format(silent / 1e9));
                    overlay.notifyChild(c);
                }
            } else if (c.torpid) {
                c.torpid = false;
                overlay.log(Severity.ERR, "broker on " + overlay.who(c.rank) + " is responsive now");
                overlay.notifyChild(c);
            }
        }
    }

    private void message(List<byte[]> frames) {
        Message msg;
        try {
            msg = MessageCodec.fromFrames(frames);
        } catch (FormatException e) {
            overlay.countDrop();
            overlay.log(Severity.ERR, "DROP downstream message from " + printable(frames.get(0))
                    + ": malformed message: " + e.getMessage());
            return;
        }
        msg = msg.withCred(msg.userid(), msg.rolemask() & ~Roles.LOCAL);
        String from = msg.routeLast();
        if (from == null) {
            overlay.logdrop("downstream", msg, "malformed message");
            return;
        }
        Child child = onlineByUuid.get(from);
        if (child == null) {
            if (msg.type() == MessageType.REQUEST && "overlay.hello".equals(msg.topic()) && !spurnHello) {
                hello(msg, from);
            } else {
                control(from, Overlay.CONTROL_DISCONNECT, 0); // a stale or unknown peer
            }
            return;
        }
        child.lastseen = System.nanoTime();
        switch (msg.type()) {
            case CONTROL -> {
                if (msg.controlType() == Overlay.CONTROL_STATUS) {
                    statusUpdate(child, SubtreeStatus.of(msg.controlStatus()), null);
                }
                return;
            }
            case REQUEST -> {
                if ("overlay.goodbye".equals(msg.topic())) {
                    goodbye(child, msg);
                    return;
                }
                if (overlay.passRequest(msg, true)) {
                    return;
                }
            }
            case RESPONSE -> {
                msg = msg.withRouteDeletedLast().withRouteDeletedLast(); // the child's id, then ours
                child.tracker.update(msg);
                if (overlay.passResponse(msg)) {
                    return;
                }
            }
            case EVENT -> {
                if (rank > 0) {
                    overlay.upstream().send(msg.withRoutesEnabled());
                    return;
                }
                msg = msg.withRoutesDisabled();
            }
            default -> {
            }
        }
        overlay.deliver(msg, new Overlay.Peer(Overlay.Direction.CHILD, child.rank));
    }

    private void hello(Message msg, String from) {
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
                overlay.log(Severity.ERR, "rejecting connection from " + overlay.who(childRank) + ": not owner");
                throw new OverlayException(Errno.EPERM, null);
            }
            String expected = config.hostOf(childRank);
            if (hostname != null && expected != null && !hostname.equals(expected)) {
                errmsg = expected + " is configured as rank " + childRank + ": mismatched config?";
                overlay.log(Severity.ERR, "rejecting connection from " + hostname + " (rank " + childRank + "): "
                        + errmsg);
                throw new OverlayException(Errno.EINVAL, errmsg);
            }
            Child child = byRank.get(childRank);
            if (child == null) {
                errmsg = "rank " + childRank + " is not a child of rank " + rank + ": mismatched config?";
                overlay.log(Severity.ERR, "rejecting connection from " + overlay.who(childRank) + ": " + errmsg);
                throw new OverlayException(Errno.EINVAL, errmsg);
            }
            if (!o.get("uuid").asText().equals(from)) {
                errmsg = "hello uuid does not match the connection's routing id";
                overlay.log(Severity.ERR, "rejecting connection from " + overlay.who(childRank) + ": " + errmsg);
                throw new OverlayException(Errno.EPROTO, errmsg);
            }
            int level = Severity.DEBUG;
            if (child.status.isOnline()) {
                overlay.log(Severity.ERR, overlay.who(child.rank)
                        + " reconnected after crash, dropping old connection state");
                statusUpdate(child, SubtreeStatus.LOST, null);
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
            statusUpdate(child, st.isOnline() ? st : SubtreeStatus.PARTIAL, null);
            overlay.log(level, "accepting connection from " + overlay.who(child.rank) + " status "
                    + child.status.text());
            ObjectNode payload = Json.object().put("uuid", config.uuid());
            send(Message.responseTo(msg).payloadJson(payload).build());
            return;
        } catch (FormatException e) {
            errnum = Errno.EPROTO.number();
            errmsg = e.getMessage();
            overlay.log(Severity.ERR, "DROP downstream request overlay.hello from " + from + ": " + errmsg);
        } catch (OverlayException e) {
            errnum = e.errno().number();
        }
        send(Message.errorResponse(msg, errnum, errmsg));
    }

    private void goodbye(Child child, Message msg) {
        if (!msg.isNoResponse()) {
            send(Message.responseTo(msg).build());
        }
        statusUpdate(child, SubtreeStatus.OFFLINE, "administrative shutdown");
    }

    /** {@code flux overlay disconnect}: the child is told to disconnect and marked lost. */
    void disconnect(int childRank) {
        Child child = byRank.get(childRank);
        if (child == null) {
            throw new OverlayException(Errno.ENOENT, "requested rank is not this broker's direct child");
        }
        if (!child.status.isOnline()) {
            throw new OverlayException(Errno.EINVAL, "rank " + childRank + " is already " + child.status.text());
        }
        control(child.uuid, Overlay.CONTROL_DISCONNECT, 0);
        logLostConnection(child, "disconnected by request");
        statusUpdate(child, SubtreeStatus.LOST, "administrative disconnect");
    }

    /** A child's status changed (or was reported again); flux-core's {@code overlay_child_status_update}. */
    private void statusUpdate(Child child, SubtreeStatus st, String reason) {
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
                failRpcs(child);
            }
            subtreeStatusUpdate();
            overlay.notifyChild(child);
        }
    }

    private void subtreeStatusUpdate() {
        List<SubtreeStatus> kids = new ArrayList<>(byRank.size());
        for (Child c : byRank.values()) {
            kids.add(c.status);
        }
        SubtreeStatus st = SubtreeStatus.of(kids);
        if (st != status) {
            status = st;
            statusNanos = System.nanoTime();
            overlay.upstream().sendStatus(st);
            overlay.notifyStatus(st);
        }
    }

    /** Pending requests through a child that went away get EHOSTUNREACH responses. */
    private void failRpcs(Child child) {
        for (Message req : child.tracker.purge()) {
            Message rsp = Message.errorResponse(req, Errno.EHOSTUNREACH.number(), null);
            rsp = rsp.withRouteDeletedLast().withRouteDeletedLast();
            overlay.routeFailure(rsp, child);
        }
    }

    void sendRequest(Child child, Message request) {
        if (!child.status.isOnline()) {
            if (!request.isNoResponse()) {
                overlay.routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), child);
            }
            return;
        }
        Message m = request.withRoutesEnabled().withRoutePushed(config.uuid()).withRoutePushed(child.uuid);
        if (send(m)) {
            child.tracker.update(m);
        } else if (!request.isNoResponse()) {
            overlay.routeFailure(Message.errorResponse(request, Errno.EHOSTUNREACH.number(), null), child);
        }
    }

    /** Sends to the child named by the message's last route; a missing connection loses that child. */
    boolean send(Message m) {
        if (router == null) {
            return false;
        }
        List<byte[]> frames = MessageCodec.toFrames(m);
        try {
            int last = frames.size() - 1;
            for (int i = 0; i < last; i++) {
                if (!router.send(frames.get(i), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                    overlay.log(Severity.ERR, "DROP downstream message to " + m.routeLast() + ": would block");
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
                statusUpdate(child, SubtreeStatus.LOST, "lost connection");
            }
            return false;
        }
    }

    private void control(String childUuid, int type, int st) {
        if (childUuid != null) {
            send(Message.control(type, st).withRoutesEnabled().withRoutePushed(childUuid));
        }
    }

    /** An event to every online child. */
    void multicast(Message event) {
        Message m = event.withRoutesEnabled();
        for (Child c : byRank.values()) {
            if (c.status.isOnline()) {
                send(m.withRoutePushed(c.uuid));
            }
        }
    }

    private void logLostConnection(Child child, String why) {
        int n = config.topology().descendantCount(child.rank);
        overlay.log(Severity.ERR, overlay.who(child.rank) + " " + why
                + (n > 0 ? " and severed contact with " + n + " other nodes" : ""));
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
