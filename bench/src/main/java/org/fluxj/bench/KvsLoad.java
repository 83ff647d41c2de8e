package org.fluxj.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.fluxj.client.Handle;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * KVS load from one client process on FLUX_URI (bench/kvs.sh runs it inside an instance):
 * commits per second from N concurrent committers, lookups per second, and the latency from a
 * commit's acknowledgement to the watcher's response. Prints "name value" lines.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.fluxj.bench.KvsLoad [COMMITTERS] [SECONDS]</pre>
 */
public final class KvsLoad {
    private KvsLoad() {
    }

    static ObjectNode commit(String key, String value) {
        ObjectNode o = Json.object();
        o.put("namespace", "primary");
        o.put("flags", 0);
        ArrayNode ops = o.putArray("ops");
        ObjectNode op = ops.addObject();
        op.put("key", key);
        op.put("flags", 0);
        op.set("dirent", new TreeObj.Val(value.getBytes(StandardCharsets.UTF_8)).toJson());
        return o;
    }

    public static void main(String[] args) throws Exception {
        int committers = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String uri = System.getenv("FLUX_URI");
        // commits: each committer has one commit in flight at a time, keys spread over 100 dirs
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < committers; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try (Handle h = Handle.open(uri)) {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        Handle.get(h.rpc("kvs.commit", commit("load.d" + (i % 100) + ".c" + id + "k" + i, "v" + i),
                                Message.NODEID_ANY));
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            threads.add(th);
        }
        long start = System.nanoTime();
        for (Thread th : threads) {
            th.join();
        }
        System.out.printf("commits_per_s %.0f%n", done.get() / ((System.nanoTime() - start) / 1e9));

        try (Handle h = Handle.open(uri)) {
            // lookups: 16 in flight
            int n = 20000;
            long t0 = System.nanoTime();
            List<CompletableFuture<Message>> window = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ObjectNode o = Json.object();
                o.put("key", "load.d" + (i % 100));
                o.put("flags", 1);
                o.put("namespace", "primary");
                window.add(h.rpc("kvs.lookup", o, Message.NODEID_ANY));
                if (window.size() == 16) {
                    for (CompletableFuture<Message> f : window) {
                        Handle.get(f);
                    }
                    window.clear();
                }
            }
            for (CompletableFuture<Message> f : window) {
                Handle.get(f);
            }
            System.out.printf("lookups_per_s %.0f%n", n / ((System.nanoTime() - t0) / 1e9));

            // watch latency: commit acknowledged -> watcher's response for that commit
            ObjectNode w = Json.object();
            w.put("key", "watched");
            w.put("namespace", "primary");
            w.put("flags", 4 | 8);
            Handle.get(h.rpc("kvs.commit", commit("watched", "-1"), Message.NODEID_ANY));
            StreamingRpc s = h.rpcStreaming("kvs-watch.lookup", w, Message.NODEID_ANY);
            s.next(); // the current value
            List<Double> lat = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long c0 = System.nanoTime();
                Handle.get(h.rpc("kvs.commit", commit("watched", Integer.toString(i)), Message.NODEID_ANY));
                s.next();
                lat.add((System.nanoTime() - c0) / 1e6);
            }
            lat.sort(Double::compare);
            System.out.printf("watch_latency_ms_median %.2f%n", lat.get(lat.size() / 2));
        }
    }
}
