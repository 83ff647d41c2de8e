package org.fluxj.pmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server and client over real sockets, with clients on their own threads. */
class PmiSocketTest {
    @TempDir
    Path dir;

    private final LinkedBlockingQueue<LocalPmiService.Abort> aborts = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private PmiSocketServer server;

    private PmiSocketServer unixServer(int size) throws IOException {
        PmiSimpleServer engine = new PmiSimpleServer(new LocalPmiService(aborts::add), 0, size, size, "-");
        server = PmiSocketServer.unix(dir.resolve("pmi"), engine, (rank, msg) -> errors.add(rank + ": " + msg));
        return server;
    }

    @AfterEach
    void close() throws IOException {
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    /** What each rank of a business-card exchange saw: every rank's card. */
    private List<String> exchange(PmiClient c) throws IOException {
        c.init();
        c.put(Integer.toString(c.rank()), "{\"host\":\"node" + c.rank() + "\",\"uri\":[]}");
        c.barrier();
        List<String> cards = new ArrayList<>();
        for (int r = 0; r < c.size(); r++) {
            cards.add(c.get(Integer.toString(r)));
        }
        c.barrier();
        c.finish();
        c.close();
        return cards;
    }

    @Test
    void concurrentClientsExchangeBusinessCards() throws Exception {
        int size = 8;
        PmiSocketServer s = unixServer(size);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int rank = size - 1; rank >= 0; rank--) {
            Map<String, String> env = s.environment(rank);
            results.add(pool.submit(() -> {
                PmiClient c = PmiClient.fromEnvironment(env).orElseThrow();
                assertEquals(size, c.size());
                assertEquals(Integer.parseInt(env.get("PMI_RANK")), c.rank());
                return exchange(c);
            }));
        }
        List<String> expect = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            expect.add("{\"host\":\"node" + r + "\",\"uri\":[]}");
        }
        for (Future<List<String>> f : results) {
            assertEquals(expect, f.get());
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void environmentNamesTheSocketAndRank() throws Exception {
        PmiSocketServer s = unixServer(3);
        assertEquals(Map.of("FLUX_PMI_SOCKET", dir.resolve("pmi").toString(), "PMI_ID", "2", "PMI_RANK", "2",
                "PMI_SIZE", "3"), s.environment(2));
    }

    @Test
    void tcpWithPmiPortAsMpichDoes() throws Exception {
        PmiSimpleServer engine = new PmiSimpleServer(new LocalPmiService(aborts::add), 0, 2, 2, "kvs_1");
        server = PmiSocketServer.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), engine,
                (rank, msg) -> errors.add(msg));
        Map<String, String> env0 = server.environment(0);
        assertTrue(env0.get("PMI_PORT").matches("127\\.0\\.0\\.1:\\d+"), env0.toString());
        Future<List<String>> r1 = pool.submit(() -> exchange(PmiClient.fromEnvironment(server.environment(1)).orElseThrow()));
        PmiClient c0 = PmiClient.fromEnvironment(env0).orElseThrow();
        c0.init();
        assertEquals("kvs_1", c0.kvsname());
        assertEquals(0, c0.appnum());
        assertEquals(2, c0.universeSize());
        List<String> cards = exchangeInitialized(c0);
        assertEquals(cards, r1.get());
    }

    private List<String> exchangeInitialized(PmiClient c) throws IOException {
        c.put(Integer.toString(c.rank()), "{\"host\":\"node" + c.rank() + "\",\"uri\":[]}");
        c.barrier();
        List<String> cards = new ArrayList<>();
        for (int r = 0; r < c.size(); r++) {
            cards.add(c.get(Integer.toString(r)));
        }
        c.barrier();
        c.finish();
        c.close();
        return cards;
    }

    @Test
    void preputMappingAndMissingKeys() throws Exception {
        LocalPmiService kvs = new LocalPmiService(aborts::add);
        kvs.preput("PMI_process_mapping", "(vector,(0,1,1))");
        server = PmiSocketServer.unix(dir.resolve("pmi"), new PmiSimpleServer(kvs, 0, 1, 1, "-"), (r, m) -> errors.add(m));
        try (PmiClient c = PmiClient.connect(dir.resolve("pmi"), 0)) {
            c.init();
            assertEquals("(vector,(0,1,1))", c.get("PMI_process_mapping"));
            assertEquals(Optional.empty(), c.lookup("flux.taskmap"));
            PmiException e = assertThrows(PmiException.class, () -> c.get("nope"));
            assertEquals(Pmi.ERR_INVALID_KEY, e.result());
            assertEquals("get: invalid key argument", e.getMessage());
            assertThrows(PmiException.class, () -> c.put("bad key", "v"));
            assertThrows(PmiException.class, () -> c.put("k", "two\nlines"));
            assertThrows(PmiException.class, () -> c.put("k", "v".repeat(1024)));
        }
    }

    @Test
    void abortReachesTheServerWithRankCodeAndMessage() throws Exception {
        PmiSocketServer s = unixServer(2);
        try (PmiClient c = PmiClient.fromEnvironment(s.environment(1)).orElseThrow()) {
            c.init();
            c.abort(7, "bad\nthing");
            assertEquals(new LocalPmiService.Abort(1, 7, "bad thing"), aborts.take());
        }
    }

    @Test
    void uninitializedClientRefusesRequests() throws Exception {
        PmiSocketServer s = unixServer(1);
        try (PmiClient c = PmiClient.fromEnvironment(s.environment(0)).orElseThrow()) {
            PmiException e = assertThrows(PmiException.class, c::barrier);
            assertEquals(Pmi.ERR_INIT, e.result());
        }
    }

    /** A raw connection for sending what a well-behaved client would not. */
    private static final class Raw implements AutoCloseable {
        final LineChannel ch;

        Raw(Path path) throws IOException {
            SocketChannel sc = SocketChannel.open(StandardProtocolFamily.UNIX);
            sc.connect(UnixDomainSocketAddress.of(path));
            ch = new LineChannel(sc);
        }

        Raw send(String s) throws IOException {
            ch.write(s);
            return this;
        }

        String read() throws IOException {
            return ch.readLine();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    @Test
    void malformedLineClosesThatClientOnlyAndIsReported() throws Exception {
        PmiSocketServer s = unixServer(2);
        try (Raw bad = new Raw(dir.resolve("pmi"))) {
            bad.send("cmd=initack pmiid=1\n");
            assertEquals("cmd=initack\n", bad.read());
            assertEquals("cmd=set size=2\n", bad.read());
            assertEquals("cmd=set rank=1\n", bad.read());
            assertEquals("cmd=set debug=0\n", bad.read());
            bad.send("cmd=init pmi_version=1 pmi_subversion=1\n");
            assertEquals("cmd=response_to_init rc=0 pmi_version=1 pmi_subversion=1\n", bad.read());
            bad.send("cmd=frobnicate\n");
            assertNull(bad.read());
        }
        assertEquals("1: protocol error: cmd=frobnicate", errors.take());
        try (PmiClient good = PmiClient.connect(dir.resolve("pmi"), 0)) {
            good.init();
            good.put("a", "b");
            assertEquals("b", good.get("a"));
        }
    }

    @Test
    void handshakeMistakesAreRefused() throws Exception {
        unixServer(2);
        try (Raw r = new Raw(dir.resolve("pmi"))) {
            r.send("cmd=init pmi_version=1 pmi_subversion=1\n");
            assertNull(r.read());
        }
        assertEquals("-1: protocol error: expected cmd=initack pmiid=N, got: cmd=init pmi_version=1 pmi_subversion=1",
                errors.take());
        try (Raw r = new Raw(dir.resolve("pmi"))) {
            r.send("cmd=initack pmiid=2\n");
            assertNull(r.read());
        }
        assertEquals("-1: protocol error: pmiid 2 is not below size 2", errors.take());
        try (PmiClient first = PmiClient.connect(dir.resolve("pmi"), 0)) {
            IOException e = assertThrows(IOException.class, () -> PmiClient.connect(dir.resolve("pmi"), 0));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertEquals("-1: protocol error: pmiid 0 is already connected", errors.take());
            first.init();
        }
    }

    @Test
    void overlongLineIsAProtocolError() throws Exception {
        unixServer(1);
        try (Raw r = new Raw(dir.resolve("pmi"))) {
            r.send("cmd=initack pmiid=0\n");
            for (int i = 0; i < 4; i++) {
                r.read();
            }
            r.send("cmd=put kvsname=- key=k value=" + "x".repeat(3000) + "\n");
            // Closed with our bytes unread: end of stream or a reset.
            try {
                assertNull(r.read());
            } catch (java.net.SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
        }
        assertEquals("0: protocol error: line longer than 1216 bytes", errors.take());
    }

    @Test
    void clientLeavingMidBarrierDoesNotCountTowardIt() throws Exception {
        PmiSocketServer s = unixServer(2);
        try (PmiClient quitter = PmiClient.fromEnvironment(s.environment(0)).orElseThrow()) {
            quitter.init();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        PmiClient c1 = PmiClient.fromEnvironment(s.environment(1)).orElseThrow();
        c1.init();
        c1.setTrace(seen::add);
        pool.submit(() -> {
            try {
                c1.barrier();
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
            return null;
        });
        // rank 0 reconnecting is refused: its id was used; the barrier waits on.
        assertThrows(IOException.class, () -> PmiClient.connect(dir.resolve("pmi"), 0));
        assertTrue(errors.take().contains("already connected"));
        c1.close();
        assertThrows(Exception.class, done::get);
    }

    @Test
    void environmentWithoutPmiIsEmptyAndBadValuesAreErrors() {
        assertEquals(Optional.empty(), assertDoesNotThrowValue(Map.of()));
        Map<String, String> env = new HashMap<>();
        env.put("PMI_PORT", "nohostport");
        env.put("PMI_ID", "0");
        assertEquals(Pmi.ERR_INVALID_ARG, assertThrows(PmiException.class, () -> PmiClient.fromEnvironment(env)).result());
        env.put("PMI_PORT", "localhost:1");
        env.put("PMI_ID", "x");
        assertEquals(Pmi.ERR_INVALID_ARG, assertThrows(PmiException.class, () -> PmiClient.fromEnvironment(env)).result());
        env.put("FLUX_PMI_SOCKET", dir.resolve("absent").toString());
        env.put("PMI_ID", "0");
        PmiException e = assertThrows(PmiException.class, () -> PmiClient.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith("cannot reach PMI server at " + dir.resolve("absent")), e.getMessage());
    }

    private static Optional<PmiClient> assertDoesNotThrowValue(Map<String, String> env) {
        try {
            return PmiClient.fromEnvironment(env);
        } catch (PmiException e) {
            throw new AssertionError(e);
        }
    }
}
