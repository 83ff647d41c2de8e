package org.fluxj.overlay;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.msg.Message;

/**
 * Not a test: a main that measures messages per second through a two-level tree (rank 2 -> rank 1 -> rank 0,
 * CURVE on both hops, in one JVM). Run with the overlay bundle's test class path:
 * {@code java -cp ... org.fluxj.overlay.OverlayThroughput [count]}.
 */
public final class OverlayThroughput {
    private OverlayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (TestTree t = TestTree.start(3, "kary:1")) {
            TestTree.Node leaf = t.node(2);
            TestTree.Node root = t.node(0);
            for (int round = 0; round < 3; round++) {
                long base = root.counted.get();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    leaf.overlay.sendRequest(Message.request("bench.count").nodeid(0).noResponse().build());
                }
                t.await(() -> root.counted.get() - base >= n, "all counted");
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("one-way upstream, 2 hops: %d msgs in %.2f s = %.0f msg/s%n", n, s, n / s);

                int rpcs = n / 4;
                int window = 256;
                ArrayDeque<CompletableFuture<Message>> inflight = new ArrayDeque<>();
                t0 = System.nanoTime();
                for (int i = 0; i < rpcs; i++) {
                    if (inflight.size() >= window) {
                        inflight.poll().get();
                    }
                    inflight.add(leaf.rpc(0, "bench.rpc"));
                }
                while (!inflight.isEmpty()) {
                    inflight.poll().get();
                }
                s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("rpc round trips leaf->root, window %d: %d in %.2f s = %.0f rpc/s%n", window, rpcs,
                        s, rpcs / s);
                t0 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    leaf.rpc(0, "bench.rpc").get();
                }
                s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("rpc latency leaf->root (serial): %.1f us%n", s / 2000 * 1e6);
            }
        }
    }
}
