package org.fluxj.overlay.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.taskmap.TaskMap;
import org.fluxj.pmi.LocalPmiService;
import org.fluxj.pmi.PmiClient;
import org.fluxj.pmi.PmiSimpleServer;
import org.fluxj.pmi.PmiSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Business-card exchange through a real PMI server, brokers on their own threads. */
class PmiBootTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs the exchange for {@code size} brokers and returns their plans by rank. */
    private List<BootPlan> boot(int size, String mapping, TreeShape tree) throws Exception {
        LocalPmiService kvs = new LocalPmiService(a -> { });
        if (mapping != null) {
            kvs.preput("PMI_process_mapping", mapping);
        }
        try (PmiSocketServer server = PmiSocketServer.unix(dir.resolve("pmi"), new PmiSimpleServer(kvs, 0, size, size, "-"),
                (r, m) -> { })) {
            List<Future<BootPlan>> futures = new ArrayList<>();
            for (int rank = 0; rank < size; rank++) {
                var env = server.environment(rank);
                futures.add(pool.submit(() -> {
                    try (PmiClient pmi = PmiClient.fromEnvironment(env).orElseThrow()) {
                        pmi.init();
                        int r = pmi.rank();
                        PmiBoot.Local me = new PmiBoot.Local("host" + r, "key" + r, dir.toString(),
                                "tcp://127.0.0.1:*", false);
                        // The binder resolves a wildcard port as 0MQ would.
                        BootPlan p = PmiBoot.exchange(pmi, me, tree,
                                uris -> uris.stream().map(u -> u.replace(":*", ":" + (5000 + r))).toList());
                        pmi.finish();
                        return p;
                    }
                }));
            }
            List<BootPlan> plans = new ArrayList<>();
            for (Future<BootPlan> f : futures) {
                plans.add(f.get());
            }
            return plans;
        }
    }

    @Test
    void testModeOneCliqueUsesIpcAndExchangesKeys() throws Exception {
        List<BootPlan> plans = boot(4, "(vector,(0,1,4))", Trees.kary(2, 4));
        BootPlan root = plans.get(0);
        assertEquals(List.of("ipc://" + dir + "/tbon-0"), root.bindUris());
        assertEquals("ipc://" + dir + "/tbon-0", root.endpoint());
        assertEquals(-1, root.parentRank());
        assertNull(root.parentUri());
        assertEquals(java.util.Map.of(1, "key1", 2, "key2"), root.childPubkeys());
        BootPlan three = plans.get(3);
        assertEquals(1, three.parentRank());
        assertEquals("ipc://" + dir + "/tbon-1", three.parentUri());
        assertEquals("key1", three.parentPubkey());
        assertEquals(List.of(), three.bindUris());
        for (int r = 0; r < 4; r++) {
            assertEquals(r, plans.get(r).rank());
            assertEquals(4, plans.get(r).size());
            assertEquals("host[0-3]", plans.get(r).hostlist());
            assertEquals("simple", plans.get(r).method());
            assertEquals("[[0,1,4,1]]", plans.get(r).mapping());
        }
    }

    @Test
    void brokersOnSeparateNodesUseTcp() throws Exception {
        List<BootPlan> plans = boot(3, "(vector,(0,3,1))", Trees.kary(0, 3));
        assertEquals(List.of("tcp://127.0.0.1:5000"), plans.get(0).bindUris());
        assertEquals("tcp://127.0.0.1:5000", plans.get(2).parentUri());
    }

    @Test
    void withoutMappingNothingIsKnownLocal() throws Exception {
        List<BootPlan> plans = boot(2, null, Trees.kary(2, 2));
        assertEquals("tcp://127.0.0.1:5000", plans.get(1).parentUri());
        assertNull(plans.get(1).mapping());
    }

    @Test
    void sizeOneSkipsTheExchange() throws Exception {
        assertEquals(BootPlan.singleton("simple", "host0"), boot(1, null, Trees.kary(2, 1)).get(0));
    }

    @Test
    void mixedChildrenBindBoth() throws FormatException {
        PmiBoot.Local me = new PmiBoot.Local("h", "k", "/run/x", "tcp://10.0.0.1:*", false);
        TaskMap twoNodes = TaskMap.parse("(vector,(0,2,2))");
        assertEquals(List.of("tcp://10.0.0.1:*", "ipc:///run/x/tbon-0"), PmiBoot.bindUris(0, List.of(1, 2), twoNodes, me));
        assertEquals(List.of("ipc:///run/x/tbon-0"), PmiBoot.bindUris(0, List.of(1), twoNodes, me));
        PmiBoot.Local tcp = new PmiBoot.Local("h", "k", "/run/x", "tcp://10.0.0.1:*", true);
        assertEquals(List.of("tcp://10.0.0.1:*"), PmiBoot.bindUris(0, List.of(1), twoNodes, tcp));
    }

    @Test
    void bizCardsRoundTripAsFluxCoreEncodesThem() throws FormatException {
        BizCard bc = new BizCard("node1", "abc", List.of("tcp://1.2.3.4:5", "ipc:///x"));
        assertEquals("{\"host\":\"node1\",\"uri\":[\"tcp://1.2.3.4:5\",\"ipc:///x\"],\"pubkey\":\"abc\"}", bc.encode());
        assertEquals(bc, BizCard.decode(bc.encode()));
        assertEquals("{\"host\":\"n\",\"uri\":[]}", new BizCard("n", null, List.of()).encode());
        assertEquals("ipc:///x", bc.uri("ipc://"));
        assertEquals("tcp://1.2.3.4:5", bc.uri(null));
        for (String bad : List.of("{}", "[]", "{\"host\":1,\"uri\":[]}", "{\"host\":\"h\"}",
                "{\"host\":\"h\",\"uri\":[\"nope\"]}", "not json")) {
            assertThrows(FormatException.class, () -> BizCard.decode(bad), bad);
        }
        assertTrue(BizCard.decode("{\"host\":\"h\",\"uri\":[],\"extra\":1}").uris().isEmpty());
    }
}
