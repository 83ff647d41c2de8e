package org.fluxj.connector.local;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The connector-local module. One {@link SocketLoop} thread accepts and reads every client
 * without blocking: the peer's uid comes from SO_PEERCRED, its roles from {@link Access}, and
 * the handshake byte is 0 for accepted or an errno for refused, as flux-core's usock does.
 * Messages from clients get the client's credential and route hop, then go to the broker on
 * the module thread; responses come back through {@code onRouted}, events through one
 * all-topics subscription filtered per client. Output a client does not read waits in its
 * queue, never in a module thread, up to the {@link Limits}; past them the client is dropped.
 */
@FluxModule("connector-local")
@Component(service = BrokerModule.class)
public final class ConnectorLocal implements BrokerModule, SocketLoop.Events {
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final PeerUid peers = new PeerUid();
    private volatile Access access;
    private volatile Limits limits;
    private ModuleContext ctx;
    private ServerSocketChannel server;
    private SocketLoop loop;
    private Path socket;

    @Override
    public void start(ModuleContext context) throws Exception {
        ctx = context;
        int owner = Integer.parseInt(ctx.attribute("security.owner").orElseThrow());
        access = Access.from(ctx.config(), owner);
        limits = Limits.from(ctx.config());
        ctx.log(Severity.DEBUG, "allow-guest-user=%s", access.allowGuestUser());
        ctx.log(Severity.DEBUG, "allow-root-owner=%s", access.allowRootOwner());
        ctx.onConfigReload(m -> {
            Access a = Access.from(ctx.config(), owner);
            limits = Limits.from(ctx.config());
            access = a;
        });
        String uri = ctx.attribute("local-uri").orElseThrow(() -> new IllegalStateException("local-uri is not set"));
        if (!uri.startsWith("local://")) {
            throw new IllegalStateException("malformed local-uri");
        }
        socket = Path.of(uri.substring("local://".length()));
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        ctx.onRouted(this::toClient);
        ctx.onEvent("", Roles.ALL, this::event); // every publisher: event() filters private ones per client
        loop = new SocketLoop(server, this);
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // going away anyway
        }
        clients.values().forEach(Client::close);
    }

    /** The clients connected now (for tests). */
    int connectedClients() {
        return clients.size();
    }

    /** On the socket loop: admits the peer (handshake 0) or refuses it with an errno. */
    @Override
    public Client accepted(SocketChannel ch) {
        try {
            int uid = peers.uidOf(ch);
            int roles = access.rolemask(uid);
            Limits l = limits;
            Errno refusal = null;
            if (roles == Roles.NONE) {
                ctx.log(Severity.ERR, "client_authenticate: uid=%d no assigned roles", uid);
                refusal = Errno.EPERM;
            } else if (clients.size() >= l.maxConnections()) {
                ctx.log(Severity.ERR, "connection from uid=%d refused: %d clients connected, the limit"
                        + " (connector-local.max-connections)", uid, clients.size());
                refusal = Errno.EUSERS;
            }
            // a new socket's buffer is empty: one byte never blocks
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (refusal == null ? 0 : refusal.number())}));
            if (refusal != null) {
                ch.close();
                return null;
            }
            Client c = new Client(ch, uid, roles, (int) l.maxMessageSize());
            clients.put(c.uuid, c);
            return c;
        } catch (IOException e) {
            ctx.log(Severity.ERR, "connection refused: %s", e.getMessage());
            try {
                ch.close();
            } catch (IOException x) {
                // nothing more to do
            }
            return null;
        }
    }

    @Override
    public void received(Client c, Message m) {
        ctx.execute(() -> fromClient(c, m));
    }

    @Override
    public void malformed(Client c, String why) {
        ctx.log(Severity.ERR, "client=%.5s userid=%d: refused malformed message: %s", c.uuid, c.userid, why);
    }

    @Override
    public void acceptFailed(String why) {
        if (why == null) {
            ctx.log(Severity.NOTICE, "accepting connections again");
        } else {
            ctx.log(Severity.ERR, "%s; retrying", why);
        }
    }

    @Override
    public void gone(Client c) {
        ctx.execute(() -> disconnect(c));
    }

    /** A message from a client, on the module thread: stamped with its credential and sent on. */
    private void fromClient(Client c, Message raw) {
        Message m = stamp(c, raw);
        switch (m.type()) {
            case REQUEST -> {
                String topic = m.topic() == null ? "" : m.topic();
                if (topic.equals("event.subscribe") || topic.equals("event.unsubscribe")) {
                    subscription(c, m, topic.equals("event.subscribe"));
                    return;
                }
                int dot = topic.indexOf('.');
                c.services.add((dot < 0 ? topic : topic.substring(0, dot)) + "@" + m.nodeid());
                ctx.send(m.withRoutesEnabled().withRoutePushed(c.uuid));
            }
            case EVENT -> ctx.send(m);
            case RESPONSE -> ctx.send(m);
            default -> { }
        }
    }

    /**
     * The credential a client's message travels with, as flux-core's auth_init_message: a
     * guest's is always its connection's; an owner's message keeps a userid it set itself
     * (a router downstream, or a test acting as a guest with FLUX_HANDLE_USERID) and gets the
     * connection's where it set none.
     */
    static Message stamp(Client c, Message raw) {
        if ((c.rolemask & Roles.OWNER) == 0 || raw.userid() == Message.USERID_UNKNOWN) {
            return raw.withCred(c.userid, c.rolemask);
        }
        return raw.rolemask() == Roles.NONE ? raw.withCred(raw.userid(), c.rolemask) : raw;
    }

    /** event.subscribe and event.unsubscribe are the connector's own, as in flux-core's router. */
    private void subscription(Client c, Message m, boolean subscribe) {
        String topic;
        try {
            topic = m.payloadObject().path("topic").textValue();
        } catch (Exception e) {
            topic = null;
        }
        int errnum = 0;
        if (topic == null) {
            errnum = Errno.EPROTO.number();
        } else if (subscribe) {
            c.subscriptions.add(topic);
        } else if (!c.subscriptions.remove(topic)) {
            errnum = Errno.ENOENT.number(); // flux-core's subhash_unsubscribe
        }
        if (!m.isNoResponse()) {
            send(c, internalResponse(m, errnum));
        }
    }

    /**
     * The connector's own answer, built as flux-core's router_entry_respond builds it: a new
     * response with the request's topic and matchtag, an empty route stack, no payload, and the
     * owner role (its clients drop a response with no role at all).
     */
    static Message internalResponse(Message request, int errnum) {
        return Message.response(request.topic() == null ? "" : request.topic()).matchtag(request.matchtag())
                .errnum(errnum).rolemask(Roles.OWNER).build();
    }

    /** A response routed past this module: its next hop is a client. */
    private void toClient(Message m) {
        String hop = m.routeLast();
        Client c = hop == null ? null : clients.get(hop);
        if (c != null) {
            send(c, m.withRouteDeletedLast());
        }
    }

    /** An event: to each client subscribed to it and allowed to see it (private events). */
    private void event(Message m) {
        String topic = m.topic() == null ? "" : m.topic();
        for (Client c : clients.values()) {
            if (c.subscribedTo(topic)
                    && (!m.isPrivate() || (c.rolemask & Roles.OWNER) != 0 || c.userid == m.userid())) {
                send(c, m);
            }
        }
    }

    /**
     * To a client, on the module thread, without blocking. A client whose socket failed, or
     * whose unread output passed {@code max-send-queue}, is dropped, as if it had gone away.
     */
    private void send(Client c, Message m) {
        try {
            if (c.send(m, limits.maxSendQueue())) {
                return;
            }
            ctx.log(Severity.ERR, "client=%.5s userid=%d: disconnected: %d bytes of output it does not read"
                    + " exceed connector-local.max-send-queue=%d", c.uuid, c.userid, c.queued(), limits.maxSendQueue());
        } catch (IOException e) {
            // the socket is gone: as an end of stream
        }
        if (c.close()) {
            disconnect(c);
        }
    }

    /**
     * A client went away: the services it used are told with SERVICE.disconnect, on each rank
     * it sent to, as flux-core's broker does (broker/disconnect.c): a subprocess server on
     * another rank kills the processes the client started there.
     */
    private void disconnect(Client c) {
        if (clients.remove(c.uuid) == null) {
            return;
        }
        for (String used : c.services) {
            int at = used.lastIndexOf('@');
            Message d = Message.request(used.substring(0, at) + ".disconnect")
                    .nodeid(Integer.parseInt(used.substring(at + 1))).noResponse().cred(c.userid, c.rolemask)
                    .pushRoute(c.uuid).build();
            ctx.send(d);
        }
    }
}
