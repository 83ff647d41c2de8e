package org.fluxj.pmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The protocol engine, line by line, with the responses flux-core's simple_server sends. */
class PmiSimpleServerTest {

    /** A connection that keeps what it is sent. */
    static final class Recorder implements PmiSimpleServer.Connection {
        final int rank;
        final List<String> sent = new ArrayList<>();

        Recorder(int rank) {
            this.rank = rank;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public void send(String line) {
            sent.add(line);
        }

        String last() {
            return sent.get(sent.size() - 1);
        }
    }

    private final List<LocalPmiService.Abort> aborts = new ArrayList<>();
    private final LocalPmiService kvs = new LocalPmiService(aborts::add);
    private final PmiSimpleServer server = new PmiSimpleServer(kvs, 0, 4, 2, "-");

    private String ask(Recorder c, String line) throws PmiException {
        int before = c.sent.size();
        server.request(c, line);
        return c.sent.size() > before ? c.last() : null;
    }

    @Test
    void initNegotiatesVersionOneOne() throws Exception {
        Recorder c = new Recorder(0);
        assertEquals("cmd=response_to_init rc=0 pmi_version=1 pmi_subversion=1\n",
                ask(c, "cmd=init pmi_version=1 pmi_subversion=1\n"));
        assertEquals("cmd=response_to_init rc=-1\n", ask(c, "cmd=init pmi_version=1 pmi_subversion=0\n"));
        assertEquals("cmd=response_to_init rc=-1\n", ask(c, "cmd=init pmi_version=2 pmi_subversion=0\n"));
        // Tuples may come in any order, with extra white space.
        assertEquals("cmd=response_to_init rc=0 pmi_version=1 pmi_subversion=1\n",
                ask(c, "pmi_subversion=1   cmd=init\tpmi_version=1\n"));
    }

    @Test
    void informationalCommands() throws Exception {
        Recorder c = new Recorder(1);
        assertEquals("cmd=maxes rc=0 kvsname_max=64 keylen_max=64 vallen_max=1024\n", ask(c, "cmd=get_maxes\n"));
        assertEquals("cmd=universe_size rc=0 size=4\n", ask(c, "cmd=get_universe_size\n"));
        assertEquals("cmd=appnum rc=0 appnum=0\n", ask(c, "cmd=get_appnum\n"));
        assertEquals("cmd=my_kvsname rc=0 kvsname=-\n", ask(c, "cmd=get_my_kvsname"));
        assertEquals("cmd=publish_result rc=-1 msg=command not implemented\n",
                ask(c, "cmd=publish_name service=a port=b\n"));
        assertEquals("cmd=unpublish_result rc=-1 msg=command not implemented\n", ask(c, "cmd=unpublish_name service=a\n"));
        assertEquals("cmd=lookup_result rc=-1 msg=command not implemented\n", ask(c, "cmd=lookup_name service=a\n"));
    }

    @Test
    void putThenGetReturnsTheValueWithSpaces() throws Exception {
        Recorder c = new Recorder(0);
        assertEquals("cmd=put_result rc=0\n", ask(c, "cmd=put kvsname=- key=bc.0 value={\"host\":\"a b\"}\n"));
        assertEquals("cmd=get_result rc=0 value={\"host\":\"a b\"}\n", ask(c, "cmd=get kvsname=- key=bc.0\n"));
        assertEquals("cmd=get_result rc=4\n", ask(c, "cmd=get kvsname=- key=missing\n"));
    }

    @Test
    void hydraFoundTrueQuirkIsDropped() {
        assertEquals("abc", KeyVal.string("cmd=get_result rc=0 value=abc found=TRUE\n", "value"));
    }

    @Test
    void overlongFieldsGetLengthErrorsNotProtocolErrors() throws Exception {
        Recorder c = new Recorder(0);
        String longName = "n".repeat(64);
        String longKey = "k".repeat(64);
        String longValue = "v".repeat(1024);
        assertEquals("cmd=put_result rc=8\n", ask(c, "cmd=put kvsname=" + longName + " key=k value=v\n"));
        assertEquals("cmd=put_result rc=5\n", ask(c, "cmd=put kvsname=- key=" + longKey + " value=v\n"));
        assertEquals("cmd=put_result rc=7\n", ask(c, "cmd=put kvsname=- key=k value=" + longValue + "\n"));
        assertEquals("cmd=put_result rc=0\n", ask(c, "cmd=put kvsname=- key=" + "k".repeat(63) + " value="
                + "v".repeat(1023) + "\n"));
        assertEquals("cmd=get_result rc=8\n", ask(c, "cmd=get kvsname=" + longName + " key=k\n"));
        assertEquals("cmd=get_result rc=5\n", ask(c, "cmd=get kvsname=- key=" + longKey + "\n"));
    }

    @Test
    void malformedRequestsAreProtocolErrors() {
        Recorder c = new Recorder(0);
        for (String bad : List.of("\n", "hello\n", "cmd=frobnicate\n", "cmd=getfoo kvsname=- key=a\n",
                "cmd=init pmi_version=1\n", "cmd=init pmi_version=x pmi_subversion=1\n",
                "cmd=put kvsname=- key=a\n", "cmd=put key=a value=b\n", "cmd=get kvsname=-\n",
                "xcmd=init pmi_version=1 pmi_subversion=1\n")) {
            PmiException e = assertThrows(PmiException.class, () -> server.request(c, bad), bad);
            assertEquals(Pmi.FAIL, e.result());
            assertTrue(e.getMessage().startsWith("protocol error: "), e.getMessage());
        }
        assertTrue(c.sent.isEmpty(), c.sent.toString());
    }

    @Test
    void barrierAnswersEveryoneOnceAllLocalClientsEntered() throws Exception {
        Recorder a = new Recorder(0);
        Recorder b = new Recorder(1);
        assertEquals(null, ask(a, "cmd=barrier_in\n"));
        assertEquals(null, ask(a, "cmd=barrier_in\n")); // entering twice counts once
        assertEquals("cmd=barrier_out rc=0\n", ask(b, "cmd=barrier_in\n"));
        assertEquals(List.of("cmd=barrier_out rc=0\n"), a.sent);
        // And the next barrier starts afresh.
        assertEquals(null, ask(b, "cmd=barrier_in\n"));
        assertEquals(1, a.sent.size());
    }

    @Test
    void distributedServiceCompletesLater() throws Exception {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        CompletableFuture<String> value = new CompletableFuture<>();
        PmiService slow = new PmiService() {
            @Override
            public boolean put(String kvsname, String key, String v) {
                return !key.equals("readonly");
            }

            @Override
            public CompletionStage<String> get(String kvsname, String key) {
                return value;
            }

            @Override
            public CompletionStage<Void> barrier() {
                return barrier;
            }

            @Override
            public void abort(int rank, int exitCode, String message) {
            }
        };
        PmiSimpleServer s = new PmiSimpleServer(slow, 0, 8, 1, "job.42");
        Recorder c = new Recorder(3);
        s.request(c, "cmd=put kvsname=job.42 key=readonly value=1\n");
        assertEquals("cmd=put_result rc=4\n", c.last());
        s.request(c, "cmd=get kvsname=job.42 key=x\n");
        s.request(c, "cmd=barrier_in\n");
        assertEquals(1, c.sent.size());
        value.complete("later");
        assertEquals("cmd=get_result rc=0 value=later\n", c.last());
        barrier.completeExceptionally(new IllegalStateException("peer lost"));
        assertEquals("cmd=barrier_out rc=-1\n", c.last());
    }

    @Test
    void abortReportsCodeAndMessageWithoutResponse() throws Exception {
        Recorder c = new Recorder(1);
        assertEquals(null, ask(c, "cmd=abort exitcode=42 error_msg=out of cheese\n"));
        assertEquals(null, ask(c, "cmd=abort exit_code=3\n"));
        assertEquals(null, ask(c, "cmd=abort\n"));
        assertEquals(List.of(new LocalPmiService.Abort(1, 42, "out of cheese"),
                new LocalPmiService.Abort(1, 3, "aborted"), new LocalPmiService.Abort(1, 1, "aborted")), aborts);
    }

    @Test
    void spawnIsSwallowedUntilEndcmdThenRefused() throws Exception {
        Recorder c = new Recorder(0);
        assertEquals(null, ask(c, "mcmd=spawn\n"));
        assertEquals(null, ask(c, "nprocs=2\n"));
        assertEquals(null, ask(c, "execname=/bin/true\n"));
        assertEquals("cmd=spawn_result rc=-1\n", ask(c, "endcmd\n"));
        assertEquals("cmd=appnum rc=0 appnum=0\n", ask(c, "cmd=get_appnum\n"));
    }

    @Test
    void finalizeAcksAndAsksForClose() throws Exception {
        Recorder c = new Recorder(0);
        assertTrue(server.request(c, "cmd=finalize\n"));
        assertEquals("cmd=finalize_ack rc=0\n", c.last());
        assertFalse(server.request(c, "cmd=get_appnum\n"));
    }

    @Test
    void traceShowsRequestsAndResponsesByRank() throws Exception {
        List<String> trace = new ArrayList<>();
        server.setTrace((rank, text) -> trace.add(rank + ": " + text));
        server.request(new Recorder(2), "cmd=get_appnum\n");
        assertEquals(List.of("2: C: cmd=get_appnum", "2: S: cmd=appnum rc=0 appnum=0"), trace);
    }
}
