package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The KVS and content store across two brokers: rank 1's requests reach rank 0's store. */
class KvsInstanceIT {

    @Test
    void twoBrokersShareOneStore() throws Exception {
        try (TestInstance in = new TestInstance(2)) {
            FluxCli.Result put = in.fluxAt(1, "kvs", "put", "from1=one", "d.x=2");
            assertEquals(0, put.status(), put.err());
            assertEquals("one\n2\n", in.ok("kvs", "get", "from1", "d.x"));
            in.ok("kvs", "put", "from0=zero");
            FluxCli.Result r = in.fluxAt(1, "kvs", "get", "from0", "from1");
            assertEquals("zero\none\n", r.out(), r.err());
            // a blob stored on rank 1 goes through to rank 0; rank 1 loads what rank 0 stored
            String ref1 = FluxCli.runWithInput("blob from rank 1", Map.of("FLUX_URI", in.uri(1)), "content", "store")
                    .out().strip();
            assertEquals("blob from rank 1", in.ok("content", "load", ref1));
            String ref0 = FluxCli.runWithInput("blob from rank 0", Map.of("FLUX_URI", in.uri()), "content", "store")
                    .out().strip();
            r = in.fluxAt(1, "content", "load", ref0);
            assertEquals("blob from rank 0", r.out(), r.err());
            // a watch on rank 1 sees a commit made on rank 0
            CompletableFuture<FluxCli.Result> w = CompletableFuture.supplyAsync(
                    () -> in.fluxAt(1, "kvs", "get", "-W", "later"));
            for (int i = 0; i < 100 && !in.fluxAt(1, "module", "stats", "kvs-watch").out().contains("\"watchers\":1"); i++) {
                // until the watch is registered
            }
            in.ok("kvs", "put", "later=seen");
            assertEquals("seen\n", w.get().out(), w.get().err());
            assertTrue(in.fluxAt(1, "kvs", "version").out().strip().matches("\\d+"));
        }
    }
}
