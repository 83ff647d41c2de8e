package org.fluxj.overlay;

import static org.fluxj.overlay.TestTree.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageCodec;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.formats.curve.Z85;

/** Trees of real overlays over TCP with CURVE: routing, events, states, loss, security, malformed input. */
class OverlayTest {

    private static int rankOf(Message rsp) throws FormatException {
        assertEquals(0, rsp.errnum(), () -> "errnum " + rsp.errnum());
        return rsp.payloadObject().get("rank").asInt();
    }

    @Test
    void twoBrokersRequestUpAndDown() throws Exception {
        try (TestTree t = TestTree.start(2, "kary:2")) {
            TestTree.Node n0 = t.node(0);
            TestTree.Node n1 = t.node(1);
            assertEquals(SubtreeStatus.FULL, n0.overlay.childStatus(1));
            assertEquals(0, rankOf(get(n1.rpc(Message.NODEID_ANY, "svc.any"))));
            assertEquals(0, rankOf(get(n1.rpc(0, "svc.zero"))));
            assertEquals(1, rankOf(get(n0.rpc(1, "svc.one"))));
            // the response came back with the client's route only
            Message rsp = get(n0.rpc(1, "svc.one"));
            assertEquals(List.of("client-0"), rsp.routes());
            // rank 0 with no service: ENOSYS; a rank beyond the instance: EHOSTUNREACH
            assertEquals(Overlay.SendResult.ENOSYS,
                    n0.overlay.sendRequest(Message.request("x").nodeid(Message.NODEID_ANY).build()));
            assertEquals(Overlay.SendResult.EHOSTUNREACH, n0.overlay.sendRequest(Message.request("x").nodeid(5).build()));
            assertEquals(Errno.EHOSTUNREACH.number(), get(n1.rpc(7, "svc.none")).errnum());
        }
    }

    @Test
    void fourBrokersMultiHopBothWays() throws Exception {
        try (TestTree t = TestTree.start(4, "kary:2")) { // 0 -> 1, 2; 1 -> 3
            assertEquals(0, rankOf(get(t.node(3).rpc(0, "a"))));
            assertEquals(3, rankOf(get(t.node(0).rpc(3, "a"))));
            assertEquals(2, rankOf(get(t.node(3).rpc(2, "a"))));
            Message rsp = get(t.node(0).rpc(3, "a"));
            assertEquals(3, rsp.payloadObject().get("hops").asInt()); // client-0, uuid0, uuid1 at rank 3
            assertEquals(List.of("client-0"), rsp.routes());
        }
    }

    @Test
    void eightBrokersEveryRankReachesEveryRank() throws Exception {
        for (String topo : List.of("kary:2", "kary:3", "binomial")) {
            try (TestTree t = TestTree.start(8, topo)) {
                List<CompletableFuture<Message>> all = new ArrayList<>();
                for (int from = 0; from < 8; from++) {
                    for (int to = 0; to < 8; to++) {
                        all.add(t.node(from).rpc(to, "ping"));
                    }
                }
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(i % 8, rankOf(get(all.get(i))), topo + " rpc " + (i / 8) + " -> " + (i % 8));
                }
            }
        }
    }

    @Test
    void eventsReachEveryBrokerInOrder() throws Exception {
        try (TestTree t = TestTree.start(8, "kary:2")) {
            for (int i = 0; i < 50; i++) {
                t.node(0).publish("heartbeat.pulse");
            }
            t.node(7).publish("from.seven"); // goes up to rank 0 to be sequenced
            t.node(4).publish("from.four");
            for (TestTree.Node n : t.nodes) {
                t.await(() -> n.eventCount() == 52, "52 events at rank " + n.rank);
                List<Message> ev = n.events();
                for (int i = 0; i < ev.size(); i++) {
                    assertEquals(i + 1, ev.get(i).sequence(), "rank " + n.rank);
                    assertFalse(ev.get(i).routesEnabled());
                }
                assertTrue(ev.stream().anyMatch(m -> m.topic().equals("from.seven")));
                assertFalse(n.logged("lost event"), n.logs::toString);
            }
        }
    }

    @Test
    void childClosedAbruptlyIsLostAndRequestsFailAtOnce() throws Exception {
        try (TestTree t = TestTree.start(4, "kary:2")) { // 0 -> 1, 2; 1 -> 3
            TestTree.Node n0 = t.node(0);
            TestTree.Node n1 = t.node(1);
            // requests in flight to rank 3, which holds them unanswered
            CompletableFuture<Message> fromRoot = n0.rpc(3, "hold");
            CompletableFuture<Message> fromParent = n1.rpc(3, "hold");
            t.await(() -> t.node(3).held.size() == 2, "rank 3 holds two requests");
            t.node(3).overlay.close(); // no goodbye: a crash as far as rank 1 can tell
            t.await(() -> n1.overlay.childStatus(3) == SubtreeStatus.LOST, "rank 1 sees rank 3 lost");
            assertFalse(n1.overlay.isReachable(3));
            assertEquals(Overlay.SendResult.EHOSTUNREACH, n1.overlay.sendRequest(Message.request("x").nodeid(3).build()));
            assertEquals(Errno.EHOSTUNREACH.number(), get(fromRoot).errnum());
            assertEquals(Errno.EHOSTUNREACH.number(), get(fromParent).errnum());
            assertEquals(Errno.EHOSTUNREACH.number(), get(n0.rpc(3, "again")).errnum());
            assertTrue(n1.logged("rank 3 failed"), n1.logs::toString);
            // the loss propagates as status: rank 1 degraded, so rank 0 degraded
            t.await(() -> n0.overlay.childStatus(1) == SubtreeStatus.DEGRADED, "rank 0 sees rank 1 degraded");
            t.await(() -> n0.overlay.status() == SubtreeStatus.DEGRADED, "rank 0 degraded");
            Overlay.Health h = n1.overlay.health();
            assertEquals(SubtreeStatus.DEGRADED, h.status());
            assertEquals("lost connection", h.children().get(0).error());
            ObjectNode j = h.toJson();
            assertEquals("degraded", j.get("status").asText());
            assertEquals("lost", j.get("children").get(0).get("status").asText());
            assertEquals("lost connection", j.get("children").get(0).get("error").asText());
            // the rest of the instance goes on
            assertEquals(2, rankOf(get(n1.rpc(2, "a"))));
            assertEquals(1, rankOf(get(n0.rpc(1, "a"))));
        }
    }

    @Test
    void goodbyeMarksChildOfflineNotLost() throws Exception {
        try (TestTree t = TestTree.start(3, "kary:2")) {
            get(t.node(2).overlay.goodbye());
            t.await(() -> t.node(0).overlay.childStatus(2) == SubtreeStatus.OFFLINE, "rank 2 offline");
            assertEquals(SubtreeStatus.PARTIAL, t.node(0).overlay.status());
            assertEquals("administrative shutdown", t.node(0).overlay.health().children().get(1).error());
            assertFalse(t.node(2).overlay.sendUpstream(Message.event("x").build()));
            t.node(2).overlay.close();
            assertEquals(SubtreeStatus.OFFLINE, t.node(0).overlay.childStatus(2));
        }
    }

    @Test
    void administrativeDisconnect() throws Exception {
        try (TestTree t = TestTree.start(4, "kary:2")) {
            Overlay o0 = t.node(0).overlay;
            ExecutionException e = assertThrows(ExecutionException.class, () -> o0.disconnect(3).get(20, TimeUnit.SECONDS));
            assertEquals(Errno.ENOENT, ((OverlayException) e.getCause()).errno());
            assertEquals("requested rank is not this broker's direct child", e.getCause().getMessage());
            get(o0.disconnect(1));
            assertEquals(SubtreeStatus.LOST, o0.childStatus(1));
            assertFalse(o0.isReachable(3));
            t.await(() -> !t.node(1).parentLost.isEmpty(), "rank 1 told to disconnect");
            assertTrue(t.node(1).logged("rank 0 sent disconnect control message"));
            assertFalse(t.node(1).overlay.isReachable(0));
            e = assertThrows(ExecutionException.class, () -> o0.disconnect(1).get(20, TimeUnit.SECONDS));
            assertEquals("rank 1 is already lost", e.getCause().getMessage());
            assertEquals(Errno.EINVAL, ((OverlayException) e.getCause()).errno());
            assertTrue(t.node(0).logged("rank 1 disconnected by request and severed contact with 1 other nodes"));
        }
    }

    @Test
    void disconnectParentDropsTheParentAsIfItHadHungUp() throws Exception {
        try (TestTree t = TestTree.start(3, "kary:2")) {
            t.node(1).overlay.disconnectParent("lost contact with parent (heartbeat timeout)");
            t.await(() -> !t.node(1).parentLost.isEmpty(), "rank 1 to lose its parent");
            assertTrue(t.node(1).logged("disconnecting: lost contact with parent (heartbeat timeout)"));
            assertFalse(t.node(1).overlay.isReachable(0));
            assertTrue(t.node(2).overlay.isReachable(0), "its sibling is untouched");
        }
    }

    @Test
    void torpidChildIsFlaggedThenRecovers() throws Exception {
        Topology topo = Topology.kary(2, 2);
        List<String> logs = new ArrayList<>();
        Object lock = new Object();
        OverlayConfig cfg = OverlayConfig.builder(0, 2).topology(topo).torpidMin(Duration.ofMillis(50))
                .torpidMax(Duration.ofMillis(300)).build();
        List<Overlay.ChildInfo> states = new ArrayList<>();
        OverlayListener l = new OverlayListener() {
            @Override
            public void onMessage(Message msg, Overlay.Peer from) {
            }

            @Override
            public void onChildStatus(Overlay.ChildInfo child) {
                synchronized (lock) {
                    states.add(child);
                    lock.notifyAll();
                }
            }

            @Override
            public void log(int severity, String text) {
                synchronized (lock) {
                    logs.add(text);
                    lock.notifyAll();
                }
            }
        };
        CurveCert childCert = CurveCert.generate();
        try (Overlay root = new Overlay(cfg, l); RawPeer child = new RawPeer()) {
            root.authorize("rank1", childCert.publicText());
            String uri = root.bind("tcp://127.0.0.1:*");
            root.start(null, null);
            child.connect(uri, root.publicKey(), childCert, "child-uuid");
            ObjectNode hello = Json.object().put("rank", 1).put("version", OverlayConfig.DEFAULT_VERSION)
                    .put("uuid", "child-uuid").put("status", SubtreeStatus.FULL.code());
            child.send(Message.request("overlay.hello").rolemask(Roles.OWNER).payloadJson(hello).build());
            Message rsp = child.recvUntil(m -> m.type() == MessageType.RESPONSE);
            assertEquals(0, rsp.errnum());
            assertEquals(root.uuid(), rsp.payloadObject().get("uuid").asText());
            // silent: flagged torpid after torpid_max, still online
            awaitOn(lock, () -> states.stream().anyMatch(Overlay.ChildInfo::torpid), "torpid");
            assertEquals(SubtreeStatus.FULL, root.childStatus(1));
            synchronized (lock) {
                assertTrue(logs.stream().anyMatch(s -> s.startsWith("broker on rank 1 has been unresponsive for ")),
                        logs::toString);
            }
            // a keepalive brings it back
            child.send(Message.control(Overlay.CONTROL_HEARTBEAT, 0).withRoutesEnabled());
            awaitOn(lock, () -> logs.contains("broker on rank 1 is responsive now"), "responsive");
        }
    }

    @Test
    void peerWithUnknownKeyCannotJoin() throws Exception {
        try (TestTree t = TestTree.start(2, "kary:2")) {
            Overlay o0 = t.node(0).overlay;
            // a real broker whose key rank 0 never authorized, claiming to be rank 1
            List<String> intruderLogs = new ArrayList<>();
            OverlayConfig cfg = OverlayConfig.builder(1, 2).topology(Topology.kary(2, 2)).build();
            try (Overlay intruder = new Overlay(cfg, new OverlayListener() {
                @Override
                public void onMessage(Message msg, Overlay.Peer from) {
                    intruderLogs.add("got " + msg);
                }
            })) {
                intruder.start(o0.boundUri(), o0.publicKey());
                t.await(() -> t.node(0).logged("overlay auth No access: CURVE key " + intruder.publicKey()),
                        "ZAP refusal logged");
                assertFalse(intruder.parentReady().isDone());
                assertTrue(intruderLogs.isEmpty());
            }
            // a peer that does not even know rank 0's public key fails the CURVE handshake
            try (RawPeer raw = new RawPeer()) {
                raw.connect(o0.boundUri(), CurveCert.generate().publicText(), CurveCert.generate(), "raw");
                raw.send(Message.request("overlay.hello").build());
                t.await(() -> t.node(0).logged("HANDSHAKE_FAILED"), "handshake failure logged");
            }
            // the real child is still fine
            assertEquals(SubtreeStatus.FULL, o0.childStatus(1));
            assertEquals(1, rankOf(get(t.node(0).rpc(1, "a"))));
        }
    }

    @Test
    void malformedFramesAreRefusedLoggedAndServiceGoesOn() throws Exception {
        try (TestTree t = TestTree.start(2, "kary:2")) {
            Overlay o0 = t.node(0).overlay;
            CurveCert key = CurveCert.generate();
            o0.authorize("tester", key.publicText()); // authenticated, but speaking garbage
            try (RawPeer raw = new RawPeer()) {
                raw.connect(o0.boundUri(), o0.publicKey(), key, "raw-peer");
                byte[] proto = MessageCodec.toFrames(Message.request("t").build()).get(2);
                byte[] badMagic = proto.clone();
                badMagic[0] = 0x11;
                raw.sendFrames(List.of("garbage".getBytes()));
                raw.sendFrames(List.of(new byte[0], "t".getBytes(), badMagic));
                raw.sendFrames(List.of(new byte[0], "t".getBytes(), new byte[19]));
                raw.sendFrames(List.of("t".getBytes(), proto.clone()));
                raw.sendFrames(List.of(new byte[0], new byte[0], new byte[0], proto.clone()));
                t.await(() -> t.node(0).logs.stream().filter(s -> s.contains("malformed message")).count() >= 5,
                        "five refusals logged");
                // an authenticated but unknown peer sending a well-formed message is told to disconnect
                raw.send(Message.request("kvs.lookup").build());
                Message ctl = raw.recvUntil(m -> m.type() == MessageType.CONTROL);
                assertEquals(Overlay.CONTROL_DISCONNECT, ctl.controlType());
            }
            assertEquals(1, rankOf(get(t.node(0).rpc(1, "a"))));
            assertEquals(0, rankOf(get(t.node(1).rpc(0, "a"))));
            assertEquals(5, get(o0.stats()).get("dropped").asInt());
        }
    }

    @Test
    void helloRefusals() throws Exception {
        try (TestTree t = TestTree.start(4, "kary:2")) { // 3 belongs under 1
            Overlay o0 = t.node(0).overlay;
            List<String> lost = new ArrayList<>();
            for (int[] c : new int[][] {{3, OverlayConfig.DEFAULT_VERSION}, {2, 0x000200}}) {
                OverlayConfig cfg = OverlayConfig.builder(c[0], 4).topology(Topology.create("kary:0", 4))
                        .version(c[1]).build();
                try (Overlay wrong = new Overlay(cfg, new OverlayListener() {
                    @Override
                    public void onMessage(Message msg, Overlay.Peer from) {
                    }

                    @Override
                    public void onParentLost(String reason) {
                        synchronized (t.lock) {
                            lost.add(reason);
                            t.lock.notifyAll();
                        }
                    }
                })) {
                    o0.authorize("wrong", wrong.publicKey());
                    wrong.start(o0.boundUri(), o0.publicKey());
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> wrong.parentReady().get(20, TimeUnit.SECONDS));
                    assertInstanceOf(OverlayException.class, e.getCause());
                }
            }
            assertEquals(List.of("overlay.hello: rank 3 is not a child of rank 0: mismatched config?",
                    "overlay.hello: client (0.2.0) version mismatched with server (0.1.0)"), lost);
            assertTrue(t.node(0).logged("rejecting connection from rank 3: rank 3 is not a child of rank 0"));
            // as in flux-core, a hello for an online rank is taken as that broker restarted after a crash: the
            // old connection is dropped (lost) before the new one is checked, and here refused
            assertTrue(t.node(0).logged("rank 2 reconnected after crash, dropping old connection state"));
            assertEquals(SubtreeStatus.LOST, o0.childStatus(2));
            assertEquals("client (0.2.0) version mismatched with server (0.1.0)",
                    o0.health().children().get(1).error());
            assertEquals(SubtreeStatus.DEGRADED, o0.status());
        }
    }

    @Test
    void queriesAndConfigChecks() throws Exception {
        try (TestTree t = TestTree.start(4, "kary:2")) {
            Overlay o1 = t.node(1).overlay;
            assertEquals(List.of(3), o1.children());
            assertEquals(2, o1.subtree(1).size());
            assertEquals(3, o1.subtree(3).rank());
            assertThrows(IllegalArgumentException.class, () -> o1.subtree(2));
            ObjectNode stats = get(o1.stats());
            assertEquals(1, stats.get("child-count").asInt());
            assertEquals(1, stats.get("child-connected").asInt());
            assertEquals(1, stats.get("parent-count").asInt());
            assertTrue(o1.isReachable(0) && o1.isReachable(2) && o1.isReachable(3) && o1.isReachable(1));
            assertFalse(o1.isReachable(4));
            assertNull(o1.childStatus(2));
            Overlay.Health h = t.node(0).overlay.health();
            assertEquals(0, h.rank());
            assertEquals(List.of(1, 2), h.children().stream().map(Overlay.ChildInfo::rank).toList());
            assertFalse(h.toJson().get("children").get(0).has("error"));
        }
        assertEquals("tbon.child_rcvhwm must be 0 (unlimited) or >= 2", assertThrows(IllegalArgumentException.class,
                () -> OverlayConfig.builder(0, 1).childRcvhwm(1).build()).getMessage());
        assertEquals("tbon.zmq_io_threads must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> OverlayConfig.builder(0, 1).zmqIoThreads(0).build()).getMessage());
        assertEquals("tbon.torpid_min must be less than torpid_max", assertThrows(IllegalArgumentException.class,
                () -> OverlayConfig.builder(0, 1).torpidMin(Duration.ofSeconds(40)).build()).getMessage());
        assertEquals("tbon.torpid_min must be nonzero", assertThrows(IllegalArgumentException.class,
                () -> OverlayConfig.builder(0, 1).torpidMin(Duration.ZERO).build()).getMessage());
        OverlayConfig.builder(0, 1).torpidMax(Duration.ZERO).torpidMin(Duration.ofMinutes(5)).build();
    }

    static void awaitOn(Object lock, java.util.function.BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestTree.WAIT_SECONDS);
        synchronized (lock) {
            while (!cond.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertTrue(left > 0, "timed out waiting for " + what);
                lock.wait(Math.min(left, 100));
            }
        }
    }

    /** A bare DEALER speaking CURVE to an overlay's ROUTER, for what a well-behaved broker never sends. */
    static final class RawPeer implements AutoCloseable {
        private final ZContext ctx = new ZContext();
        /** Kicks the I/O thread as the overlay does for its parent connection (see PollerKick). */
        private final java.util.concurrent.ScheduledExecutorService kicker =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "rawpeer-kick");
                    t.setDaemon(true);
                    return t;
                });
        private ZMQ.Socket s;

        void connect(String uri, String serverPublic, CurveCert cert, String identity) {
            s = ctx.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.setIdentity(identity.getBytes());
            s.setCurveServerKey(Z85.decode(serverPublic));
            s.setCurvePublicKey(cert.publicKey());
            s.setCurveSecretKey(cert.secretKey());
            s.setReceiveTimeOut(10);
            s.connect(uri);
            kicker.scheduleWithFixedDelay(() -> PollerKick.kick(ctx), 0, 10, TimeUnit.MILLISECONDS);
        }

        /** The next frame, or null after WAIT_SECONDS. */
        private byte[] recvFirst() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestTree.WAIT_SECONDS);
            while (System.nanoTime() - deadline < 0) {
                byte[] f = s.recv(0);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }

        void send(Message m) {
            sendFrames(MessageCodec.toFrames(m.withRoutesEnabled()));
        }

        void sendFrames(List<byte[]> frames) {
            for (int i = 0; i < frames.size(); i++) {
                s.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }

        Message recvUntil(java.util.function.Predicate<Message> p) throws FormatException {
            while (true) {
                byte[] f = recvFirst();
                assertTrue(f != null, "nothing received in time");
                List<byte[]> frames = new ArrayList<>();
                frames.add(f);
                while (s.hasReceiveMore()) {
                    frames.add(s.recv(0));
                }
                Message m = MessageCodec.fromFrames(frames);
                if (p.test(m)) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            kicker.shutdownNow();
            ctx.close();
        }
    }
}
