package org.fluxj.overlay;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;

/**
 * A tree of real overlays in one JVM over tcp://127.0.0.1, each driven by a tiny router ({@link Node}) that
 * answers requests addressed to it, forwards the rest through the overlay, and sequences events on rank 0.
 * Waits are on conditions, bounded so that a broken overlay fails the test instead of hanging it.
 */
final class TestTree implements AutoCloseable {
    static final long WAIT_SECONDS = 20;

    /** Every listener notifies this lock; waits re-check their condition on each notification. */
    final Object lock = new Object();
    final Node[] nodes;

    private TestTree(int size) {
        nodes = new Node[size];
    }

    static TestTree start(int size, String topo) {
        return start(size, topo, b -> { });
    }

    static TestTree start(int size, String topo, Consumer<OverlayConfig.Builder> tweak) {
        TestTree t = new TestTree(size);
        try {
            Topology topology = Topology.create(topo, size);
            for (int r = 0; r < size; r++) {
                OverlayConfig.Builder b = OverlayConfig.builder(r, size).topology(topology);
                tweak.accept(b);
                t.nodes[r] = new Node(t, b.build());
            }
            for (int r = 0; r < size; r++) {
                for (int c : topology.childrenOf(r)) {
                    t.nodes[r].overlay.authorize("rank" + c, t.nodes[c].overlay.publicKey());
                }
            }
            for (int r = 0; r < size; r++) {
                Overlay o = t.nodes[r].overlay;
                if (!topology.childrenOf(r).isEmpty()) {
                    o.bind("tcp://127.0.0.1:*");
                }
                int p = topology.parentOf(r);
                o.start(p < 0 ? null : t.nodes[p].overlay.boundUri(), p < 0 ? null : t.nodes[p].overlay.publicKey());
            }
            for (Node n : t.nodes) {
                n.overlay.parentReady().get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            t.await(() -> t.nodes[0].overlay.status() == SubtreeStatus.FULL, "rank 0 full");
            return t;
        } catch (Exception | AssertionError e) {
            StringBuilder sb = new StringBuilder();
            for (Node n : t.nodes) {
                if (n != null) {
                    synchronized (t.lock) {
                        sb.append("\nrank ").append(n.rank).append(": ").append(n.logs);
                    }
                }
            }
            if (Boolean.getBoolean("overlay.test.stacks")) {
                Thread.getAllStackTraces().forEach((th, st) -> {
                    sb.append("\n\"").append(th.getName()).append("\" ").append(th.getState());
                    for (StackTraceElement el : st) {
                        sb.append("\n    at ").append(el);
                    }
                });
            }
            t.close();
            throw new AssertionError("tree of " + size + " did not come up" + sb, e);
        }
    }

    Node node(int r) {
        return nodes[r];
    }

    void await(BooleanSupplier cond, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (lock) {
            while (!cond.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("timed out waiting for " + what);
                }
                try {
                    lock.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }

    void poke() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (int i = nodes.length - 1; i >= 0; i--) {
            if (nodes[i] != null) {
                nodes[i].overlay.close();
            }
        }
    }

    /** One broker: an overlay and the little router the tests drive it with. */
    static final class Node implements OverlayListener {
        final TestTree tree;
        final Overlay overlay;
        final int rank;
        final String client;
        final List<String> logs = new ArrayList<>();
        final List<Message> events = new ArrayList<>();
        final List<Message> held = new ArrayList<>();
        final List<Overlay.ChildInfo> childEvents = new ArrayList<>();
        final List<String> parentLost = new ArrayList<>();
        final Map<Integer, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicInteger matchtag = new AtomicInteger();
        private int seq;

        Node(TestTree tree, OverlayConfig config) {
            this.tree = tree;
            this.rank = config.rank();
            this.client = "client-" + rank;
            this.overlay = new Overlay(config, this);
        }

        /** Sends a request from a local client of this broker to {@code nodeid}. */
        CompletableFuture<Message> rpc(int nodeid, String topic) {
            int tag = matchtag.incrementAndGet();
            CompletableFuture<Message> f = new CompletableFuture<>();
            pending.put(tag, f);
            Message req = Message.request(topic).nodeid(nodeid).matchtag(tag).pushRoute(client).build();
            if (isForMe(req)) {
                answer(req);
            } else {
                Overlay.SendResult r = overlay.sendRequest(req);
                if (!r.sent()) {
                    reply(Message.errorResponse(req, r.errno().number(), null));
                }
            }
            return f;
        }

        boolean isForMe(Message req) {
            return req.nodeid() == rank || (req.nodeid() == Message.NODEID_ANY && rank == 0);
        }

        void answer(Message req) {
            if (req.isNoResponse()) {
                counted.incrementAndGet();
                return;
            }
            if (req.topic().equals("hold")) {
                synchronized (tree.lock) {
                    held.add(req);
                    tree.lock.notifyAll();
                }
                return;
            }
            ObjectNode o = Json.object().put("rank", rank).put("hops", req.routeCount());
            reply(Message.responseTo(req).payloadJson(o).build());
        }

        void reply(Message rsp) {
            String next = rsp.routeLast();
            if (client.equals(next)) {
                CompletableFuture<Message> f = pending.remove(rsp.matchtag());
                if (f != null) {
                    f.complete(rsp);
                }
            } else if (!overlay.sendResponse(rsp)) {
                log(3, "test router: no route for response to " + next);
            }
        }

        /** Publishes an event from this broker: rank 0 sequences it, others send it up. */
        void publish(String topic) {
            Message ev = Message.event(topic).build();
            if (rank == 0) {
                sequenceAndPublish(ev);
            } else {
                overlay.sendEvent(ev);
            }
        }

        private synchronized void sequenceAndPublish(Message ev) {
            Message m = ev.toBuilder().sequence(++seq).build();
            overlay.sendEvent(m);
            synchronized (tree.lock) {
                events.add(m.withRoutesDisabled());
                tree.lock.notifyAll();
            }
        }

        @Override
        public void onMessage(Message msg, Overlay.Peer from) {
            switch (msg.type()) {
                case REQUEST -> {
                    if (isForMe(msg)) {
                        answer(msg);
                    } else {
                        Overlay.SendResult r = overlay.sendRequest(msg);
                        if (!r.sent() && !msg.isNoResponse()) {
                            reply(Message.errorResponse(msg, r.errno().number(), null));
                        }
                    }
                }
                case RESPONSE -> reply(msg);
                case EVENT -> {
                    if (rank == 0) {
                        sequenceAndPublish(msg);
                    } else {
                        synchronized (tree.lock) {
                            events.add(msg);
                        }
                    }
                }
                default -> {
                }
            }
            tree.poke();
        }

        @Override
        public void onChildStatus(Overlay.ChildInfo child) {
            synchronized (tree.lock) {
                childEvents.add(child);
                tree.lock.notifyAll();
            }
        }

        @Override
        public void onStatus(SubtreeStatus status) {
            tree.poke();
        }

        @Override
        public void onParentLost(String reason) {
            synchronized (tree.lock) {
                parentLost.add(reason);
                tree.lock.notifyAll();
            }
        }

        @Override
        public void log(int severity, String text) {
            synchronized (tree.lock) {
                logs.add(severity + " " + text);
                tree.lock.notifyAll();
            }
        }

        boolean logged(String fragment) {
            synchronized (tree.lock) {
                return logs.stream().anyMatch(l -> l.contains(fragment));
            }
        }

        int eventCount() {
            synchronized (tree.lock) {
                return events.size();
            }
        }

        List<Message> events() {
            synchronized (tree.lock) {
                return List.copyOf(events);
            }
        }

        static boolean isType(Message m, MessageType t) {
            return m.type() == t;
        }
    }
}
