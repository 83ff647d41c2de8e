package org.fluxj.connector.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.msg.StreamFraming;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connector-local on a {@link ModuleFixture}, with a real AF_UNIX client connecting to it. */
class ConnectorLocalTest {
    @TempDir
    Path dir;
    private final ModuleFixture f = new ModuleFixture();
    private ConnectorLocal module;

    /**
     * A client of the socket: the handshake byte, then framed messages both ways. It reads
     * without blocking, so that the test thread -- the module's thread -- runs the module while
     * it waits for an answer.
     */
    private final class Peer implements AutoCloseable {
        final SocketChannel ch;
        final int handshake;
        private final StreamFraming.Decoder decoder = new StreamFraming.Decoder();
        private final Deque<Message> received = new ArrayDeque<>();

        Peer(Path socket) throws IOException {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer b = ByteBuffer.allocate(1);
            handshake = ch.read(b) == 1 ? b.get(0) : -1;
            ch.configureBlocking(false);
        }

        void send(Message m) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(StreamFraming.frame(m));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        Message receive() throws Exception {
            f.runUntil(this::arrived);
            return received.poll();
        }

        private boolean arrived() {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            try {
                if (ch.read(buf) > 0) {
                    buf.flip();
                    decoder.feed(buf, received::add);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return !received.isEmpty();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private int myUid() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        return (Integer) Files.getAttribute(probe, "unix:uid");
    }

    private Path start(int owner, String config) throws Exception {
        Path socket = dir.resolve("local-0");
        f.attribute("security.owner", Integer.toString(owner)).attribute("local-uri", "local://" + socket).config(config);
        module = f.start(new ConnectorLocal());
        return socket;
    }

    @AfterEach
    void stop() {
        if (module != null) {
            module.stop();
        }
    }

    @Test
    void theOwnersRequestGoesToTheBrokerAndItsResponseComesBack() throws Exception {
        int uid = myUid();
        try (Peer p = new Peer(start(uid, "{}"))) {
            assertEquals(0, p.handshake);
            p.send(Message.request("kvs.getroot").matchtag(5).payloadJson(Json.parse("{\"namespace\":\"primary\"}", "x")).build());
            f.runUntil(() -> !f.sent("kvs.getroot").isEmpty());
            Message out = f.sent("kvs.getroot").get(0);
            assertEquals(uid, out.userid());
            assertEquals(Roles.OWNER | Roles.LOCAL, out.rolemask());
            assertEquals(1, out.routeCount(), "the client's hop is on the route stack");
            f.route(Message.responseTo(out).payloadJson(Json.parse("{\"rootseq\":3}", "x")).build());
            Message back = p.receive();
            assertEquals(5, back.matchtag());
            assertEquals(3, back.payloadObject().get("rootseq").asInt());
            assertEquals(0, back.routeCount());
        }
        f.runUntil(() -> !f.sent("kvs.disconnect").isEmpty());
        assertTrue(f.sent("kvs.disconnect").get(0).isNoResponse(), "a client gone is told to the services it used");
    }

    @Test
    void aGuestIsRefusedUnlessAllowed() throws Exception {
        int notMe = myUid() + 1;
        try (Peer p = new Peer(start(notMe, "{}"))) {
            assertEquals(Errno.EPERM.number(), p.handshake);
        }
        assertTrue(f.logged("no assigned roles"));
    }

    @Test
    void subscriptionsAreTheConnectorsOwnAndEventsFollowThem() throws Exception {
        try (Peer p = new Peer(start(myUid(), "{}"))) {
            p.send(Message.request("event.subscribe").matchtag(1).payloadJson(Json.parse("{\"topic\":\"hb\"}", "x")).build());
            assertEquals(0, p.receive().errnum());
            p.send(Message.request("event.unsubscribe").matchtag(2).payloadJson(Json.parse("{\"topic\":\"nope\"}", "x")).build());
            assertEquals(Errno.ENOENT.number(), p.receive().errnum());
            p.send(Message.request("event.subscribe").matchtag(3).payloadJson(Json.parse("{}", "x")).build());
            assertEquals(Errno.EPROTO.number(), p.receive().errnum());
            f.event("hb.pulse", null);
            assertEquals("hb.pulse", p.receive().topic());
        }
    }

    @Test
    void aBadAccessTableFailsTheLoadAndARefusedReloadKeepsThePolicy() throws Exception {
        ConfigKeyException e = assertThrows(ConfigKeyException.class,
                () -> new ModuleFixture().attribute("security.owner", "1").attribute("local-uri", "local://" + dir.resolve("x"))
                        .config("{\"access\":{\"allow-guest-user\":\"yes\"}}").start(new ConnectorLocal()));
        assertEquals("access.allow-guest-user", e.key());
        assertEquals("must be a boolean", e.getMessage());
        int notMe = myUid() + 1;
        Path socket = start(notMe, "{\"access\":{\"allow-guest-user\":true}}");
        e = assertThrows(ConfigKeyException.class, () -> f.reloadConfig("{\"access\":{\"nosuch\":true}}"));
        assertEquals("access.nosuch: unknown key", e.key() + ": " + e.getMessage());
        try (Peer p = new Peer(socket)) {
            assertEquals(0, p.handshake, "the guest is still admitted");
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndOthersAreStillServed() throws Exception {
        Path socket = start(myUid(), "{\"connector-local\":{\"max-send-queue\":\"256k\"}}");
        try (Peer deaf = new Peer(socket); Peer other = new Peer(socket)) {
            deaf.send(Message.request("kvs.getroot").matchtag(1).build());
            f.runUntil(() -> !f.sent("kvs.getroot").isEmpty());
            Message req = f.sent("kvs.getroot").get(0);
            byte[] big = new byte[64 * 1024];
            // Before: the module thread blocked in write once the socket's buffer was full.
            for (int i = 0; i < 200 && !f.logged("max-send-queue"); i++) {
                f.route(Message.responseTo(req).payload(big).build());
            }
            assertTrue(f.logged("exceed connector-local.max-send-queue=262144"));
            f.runUntil(() -> !f.sent("kvs.disconnect").isEmpty());
            other.send(Message.request("event.subscribe").matchtag(2).payloadJson(Json.parse("{\"topic\":\"a\"}", "x")).build());
            assertEquals(2, other.receive().matchtag(), "the other client is answered");
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedPolitelyUntilOneLeaves() throws Exception {
        Path socket = start(myUid(), "{\"connector-local\":{\"max-connections\":2}}");
        Peer a = new Peer(socket);
        try (Peer b = new Peer(socket); Peer c = new Peer(socket)) {
            assertEquals(0, a.handshake);
            assertEquals(0, b.handshake);
            assertEquals(Errno.EUSERS.number(), c.handshake);
            assertTrue(f.logged("2 clients connected, the limit (connector-local.max-connections)"));
            a.close();
            f.runUntil(() -> f.pending() == 0 && connectedClients() == 1);
            try (Peer d = new Peer(socket)) {
                assertEquals(0, d.handshake, "admitted once a client left");
            }
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedFromItsPrefix() throws Exception {
        Path socket = start(myUid(), "{\"connector-local\":{\"max-message-size\":1024}}");
        try (Peer p = new Peer(socket)) {
            ByteBuffer prefix = ByteBuffer.wrap(StreamFraming.frame(Message.request("x").payload(new byte[4096]).build()), 0,
                    StreamFraming.PREFIX_SIZE);
            p.ch.write(prefix); // the body never comes: the prefix alone is refused
            f.runUntil(() -> f.logged("refused malformed message"));
            assertTrue(f.logged("exceeds the maximum 1024"));
            f.runUntil(() -> connectedClients() == 0);
        }
    }

    @Test
    void aBadLimitsTableFailsTheLoadNamingTheKey() {
        for (String[] bad : new String[][] {
                {"{\"connector-local\":{\"max-connections\":0}}", "connector-local.max-connections: must be in the range of 1-2147483647"},
                {"{\"connector-local\":{\"max-send-queue\":\"lots\"}}", "connector-local.max-send-queue: invalid size 'lots'"},
                {"{\"connector-local\":{\"max-message-size\":4}}", "connector-local.max-message-size: must be in the range of 8-2147483647"},
                {"{\"connector-local\":{\"backlog\":4}}", "connector-local.backlog: unknown key"}}) {
            ConfigKeyException e = assertThrows(ConfigKeyException.class,
                    () -> new ModuleFixture().attribute("security.owner", "1").attribute("local-uri", "local://" + dir.resolve("x"))
                            .config(bad[0]).start(new ConnectorLocal()));
            assertEquals(bad[1], e.key() + ": " + e.getMessage());
        }
    }

    private int connectedClients() {
        return module.connectedClients();
    }
}
