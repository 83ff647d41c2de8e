package org.fluxj.kernel.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.OverlayPort;
import org.fluxj.kernel.api.Severity;

/**
 * Routes RFC 3 messages (RFC 6 for RPCs) between local endpoints and the overlay. A request
 * goes to the local service named by its topic up to the first '.', else upstream (if there
 * is a parent), or to the rank it names; a response follows its route stack back; an event
 * is sequenced at rank 0 and delivered to every local subscriber and down the tree.
 *
 * <p>All routing runs on the broker thread given at construction, so the tables need no
 * locks; the public methods may be called from any thread.
 */
public final class Router {
    private final Executor brokerThread;
    private final int rank;
    private final int ownerUid;
    private final BrokerLog log;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final Map<String, String> services = new HashMap<>(); // service name -> endpoint uuid
    private final Map<String, List<String>> subscriptions = new HashMap<>(); // uuid -> topic prefixes
    private volatile OverlayPort overlay;
    private int eventSeq = 1;

    public Router(Executor brokerThread, int rank, int ownerUid, BrokerLog log) {
        this.brokerThread = brokerThread;
        this.rank = rank;
        this.ownerUid = ownerUid;
        this.log = log;
    }

    public void setOverlay(OverlayPort overlay) {
        this.overlay = overlay;
    }

    public int rank() {
        return rank;
    }

    // ---------------------------------------------------------------- tables

    public void attach(Endpoint e) {
        brokerThread.execute(() -> endpoints.put(e.uuid(), e));
    }

    /** Removes an endpoint with its services and subscriptions: requests to them get ENOSYS. */
    public void detach(String uuid) {
        brokerThread.execute(() -> {
            endpoints.remove(uuid);
            services.values().removeIf(uuid::equals);
            subscriptions.remove(uuid);
        });
    }

    /** Registers a service name for an endpoint; fails with EEXIST if another holds it. */
    public void addService(String name, String uuid, Consumer<Errno> done) {
        brokerThread.execute(() -> {
            String holder = services.get(name);
            if (holder != null && !holder.equals(uuid)) {
                done.accept(Errno.EEXIST);
            } else {
                services.put(name, uuid);
                done.accept(null);
            }
        });
    }


    /** The service names an endpoint holds (for {@code module.list}); broker thread only. */
    public List<String> servicesOf(String uuid) {
        List<String> out = new ArrayList<>();
        services.forEach((name, holder) -> {
            if (holder.equals(uuid)) {
                out.add(name);
            }
        });
        out.sort(null);
        return out;
    }

    public void subscribe(String uuid, String prefix) {
        brokerThread.execute(() -> subscriptions.computeIfAbsent(uuid, k -> new ArrayList<>()).add(prefix));
    }

    public void unsubscribe(String uuid, String prefix) {
        brokerThread.execute(() -> {
            List<String> l = subscriptions.get(uuid);
            if (l != null) {
                l.remove(prefix);
            }
        });
    }

    // ---------------------------------------------------------------- ingress

    /**
     * A message from a local endpoint. Requests get the sender pushed on their route stack;
     * an unset credential becomes the instance owner's.
     */
    public void send(Endpoint from, Message m) {
        brokerThread.execute(() -> {
            Message msg = m;
            if (msg.userid() == Message.USERID_UNKNOWN) {
                msg = msg.withCred(ownerUid, Roles.OWNER | Roles.LOCAL);
            }
            switch (msg.type()) {
                case REQUEST -> routeRequest(msg.withRoutesEnabled().withRoutePushed(from.uuid()));
                case RESPONSE -> routeResponse(msg);
                case EVENT -> publish(msg);
                default -> log.log(Severity.DEBUG, "broker", "dropped control message from " + from.uuid());
            }
        });
    }

    /** A message from the overlay (see {@link org.fluxj.kernel.OverlayHost#receive}). */
    public void fromOverlay(Message message) {
        brokerThread.execute(() -> {
            Message m = withBrokerCred(message);
            switch (m.type()) {
                case REQUEST -> routeRequest(m);
                case RESPONSE -> routeResponse(m);
                case EVENT -> {
                    if (rank == 0) {
                        publish(m); // from a child: sequence it here
                    } else {
                        deliverEvent(m); // the overlay has passed it down already
                    }
                }
                default -> { }
            }
        });
    }

    // ---------------------------------------------------------------- routing (broker thread)

    /**
     * flux-core's broker_request_sendmsg: up the tree if flagged UPSTREAM from this rank; to a
     * local service if the request could be for this broker (nodeid any, or flagged UPSTREAM from
     * below), else up the tree; to a local service if addressed here; else up or down the tree
     * as addressed.
     */
    private void routeRequest(Message m) {
        int nodeid = m.nodeid();
        OverlayPort o = overlay;
        boolean upstream = m.isUpstream();
        if (upstream && nodeid == rank) {
            if (o != null && o.hasParent()) {
                o.sendUpstream(m);
            } else {
                respondError(m, Errno.EHOSTUNREACH);
            }
        } else if (upstream || nodeid == Message.NODEID_ANY) {
            Endpoint e = lookup(m.topic());
            if (e != null) {
                e.deliver(m);
            } else if (o != null && o.hasParent()) {
                o.sendUpstream(m);
            } else {
                respondError(m, Errno.ENOSYS);
            }
        } else if (nodeid == rank) {
            Endpoint e = lookup(m.topic());
            if (e != null) {
                e.deliver(m);
            } else {
                respondError(m, Errno.ENOSYS);
            }
        } else if (o == null || !o.sendToRank(nodeid, m)) {
            respondError(m, Errno.EHOSTUNREACH);
        }
    }

    private Endpoint lookup(String topic) {
        if (topic == null) {
            return null;
        }
        int dot = topic.indexOf('.');
        String uuid = services.get(dot < 0 ? topic : topic.substring(0, dot));
        return uuid == null ? null : endpoints.get(uuid);
    }

    private void routeResponse(Message m) {
        String hop = m.routeLast();
        if (hop == null) {
            log.log(Severity.DEBUG, "broker", "dropped response with no route: " + m.topic());
            return;
        }
        Endpoint e = endpoints.get(hop);
        if (e != null) {
            e.deliver(m.withRouteDeletedLast());
            return;
        }
        OverlayPort o = overlay;
        if (o == null || !o.sendDownstream(m)) {
            log.log(Severity.DEBUG, "broker", "dropped response to unknown hop " + hop + ": " + m.topic());
        }
    }

    /**
     * Answers a request the router could not deliver, unless it wants no response. The answer
     * carries this broker's credential, as flux-core's broker_request_sendmsg answers through
     * its own handle: flux-core's clients drop a response whose rolemask is empty
     * (msg_handler.c call_handler), so an unstamped one leaves them waiting forever.
     */
    private void respondError(Message req, Errno errno) {
        if (!req.isNoResponse()) {
            String text = errno == Errno.ENOSYS && req.topic() != null ? noServiceText(req.topic()) : null;
            routeResponse(withBrokerCred(Message.errorResponse(req, errno.number(), text)));
        }
    }

    /** flux-core's text for ENOSYS, cut as its 64-byte buffer cuts it (at a character boundary here). */
    static String noServiceText(String topic) {
        String text = "No service matching " + topic + " is registered";
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > MAX_ERRSTR_BYTES) {
                return text.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return text;
    }

    private static final int MAX_ERRSTR_BYTES = 63;

    /**
     * A message made by a broker component (this router, the overlay here or on a peer) with
     * no credential gets this broker's, as flux-core's interthread connector gives one to what
     * its broker and modules send without.
     */
    private Message withBrokerCred(Message m) {
        return m.userid() == Message.USERID_UNKNOWN && m.rolemask() == Roles.NONE
                ? m.withCred(ownerUid, Roles.OWNER | Roles.LOCAL) : m;
    }

    private void publish(Message event) {
        OverlayPort o = overlay;
        if (rank != 0 && o != null && o.hasParent()) {
            o.sendUpstream(event);
            return;
        }
        Message seq = event.toBuilder().sequence(eventSeq++).build();
        deliverEvent(seq);
        if (o != null) {
            o.publishDown(seq);
        }
    }


    private void deliverEvent(Message event) {
        String topic = event.topic() == null ? "" : event.topic();
        subscriptions.forEach((uuid, prefixes) -> {
            for (String p : prefixes) {
                if (topic.startsWith(p)) {
                    Endpoint e = endpoints.get(uuid);
                    if (e != null) {
                        e.deliver(event);
                    }
                    break;
                }
            }
        });
    }

    /** Publishes an event for the event.publish service and answers with its sequence. */
    public void publishFromService(Message event, IntConsumer seq) {
        brokerThread.execute(() -> {
            int s = eventSeq;
            publish(event);
            seq.accept(s);
        });
    }

}
