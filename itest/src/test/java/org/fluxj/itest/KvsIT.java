package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.content.TmpFs;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.TreeObj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVS on real instances: restart, SIGKILL, full and read-only disks, bad input, races. */
class KvsIT {

    private static TestBroker broker(Path statedir, String... more) throws IOException {
        // a statedir that outlives the broker is one that exists: a broker removes one it made
        Files.createDirectories(statedir);
        List<String> opts = new ArrayList<>(List.of("-Sstatedir=" + statedir));
        opts.addAll(List.of(more));
        return new TestBroker(opts, Map.of());
    }

    @Test
    void valuesSurviveARestartOnTheSameStatedir(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "a=1", "dir.b=two", "big=" + "x".repeat(5000));
            b.ok("kvs", "put", "--append", "log=one,");
            b.ok("kvs", "put", "--append", "log=two");
            b.ok("kvs", "link", "dir.b", "ln");
            assertEquals(0, b.finish());
        }
        assertTrue(Files.exists(statedir.resolve("content.sqlite")));
        try (TestBroker b = broker(statedir)) {
            assertEquals("1\ntwo\n" + "x".repeat(5000) + "\none,two\ntwo\n",
                    b.ok("kvs", "get", "a", "dir.b", "big", "log", "ln"));
            assertEquals("dir.b\n", b.ok("kvs", "readlink", "ln"));
            assertTrue(b.stderr().isEmpty() || !b.stderr().contains(".err["), b.stderr());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void filesBackingStoreSurvivesARestartToo(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir, "-Scontent.backing-module=content-files")) {
            b.ok("kvs", "put", "a=1", "b.c=2");
            assertEquals(0, b.finish());
        }
        assertTrue(Files.isDirectory(statedir.resolve("content.files")));
        try (TestBroker b = broker(statedir, "-Scontent.backing-module=content-files")) {
            assertEquals("1\n2\n", b.ok("kvs", "get", "a", "b.c"));
        }
    }

    /**
     * Eight client threads commit as fast as they can; each acknowledged key is recorded. The
     * broker is SIGKILLed mid-stream and restarted on its statedir: every acknowledged key must
     * be there with its value, and every object reachable from the root must match its hash.
     */
    @Test
    void everyAcknowledgedCommitSurvivesSigkill(@TempDir Path statedir) throws Exception {
        Map<String, String> acked = new ConcurrentHashMap<>();
        TestBroker b = broker(statedir);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try (Handle h = Handle.open(b.uri())) {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "t" + id + ".k" + i;
                        String value = i % 7 == 0 ? "v".repeat(200 + i) : "v" + i;
                        try {
                            Handle.get(KvsClient.put(h, key, value));
                        } catch (IOException e) {
                            return; // the broker is gone
                        }
                        acked.put(key, value);
                        if (count.incrementAndGet() == 1500) {
                            enough.countDown();
                        }
                    }
                }
                catch (IOException e) {
                    // connection lost
                }
            });
            th.start();
            threads.add(th);
        }
        enough.await();
        b.kill();
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        b.close();
        assertTrue(acked.size() >= 1500, "acknowledged " + acked.size());
        try (TestBroker r = broker(statedir); Handle h = Handle.open(r.uri())) {
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertEquals(e.getValue(), KvsClient.get(h, e.getKey()), "acknowledged key " + e.getKey());
            }
            int objects = KvsClient.verifyTree(h);
            assertTrue(objects > 8, "objects reachable: " + objects);
        }
    }

    @Test
    void fullDiskFailsTheCommitAndKeepsWhatWasAcknowledged() throws Exception {
        assumeTrue(TmpFs.available(), "mount not allowed here");
        try (TmpFs fs = TmpFs.mount(2 << 20)) {
            List<String> acked = new ArrayList<>();
            FluxException failure = null;
            try (TestBroker b = broker(fs.dir); Handle h = Handle.open(b.uri())) {
                for (int i = 0; i < 400 && failure == null; i++) {
                    String v = Integer.toString(i).repeat(20_000 / Integer.toString(i).length());
                    try {
                        Handle.get(KvsClient.put(h, "k" + i, v));
                        acked.add("k" + i);
                    } catch (FluxException e) {
                        failure = e;
                    }
                }
                assertTrue(failure != null, "a 2 MiB disk took 8 MB of values");
                assertEquals(Errno.ENOSPC.number(), failure.errnum(), failure.getMessage());
                assertTrue(failure.getMessage().contains("content-sqlite"), failure.getMessage());
                for (String k : acked) {
                    assertTrue(KvsClient.get(h, k) != null, k);
                }
                fs.resize(64 << 20);
                Handle.get(KvsClient.put(h, "after", "room again"));
                assertEquals("room again", KvsClient.get(h, "after"));
                b.finish();
            }
            try (TestBroker b = broker(fs.dir); Handle h = Handle.open(b.uri())) {
                for (String k : acked) {
                    assertTrue(KvsClient.get(h, k) != null, "after restart: " + k);
                }
                KvsClient.verifyTree(h);
            }
        }
    }

    @Test
    void readOnlyStatedirFailsTheStart() throws Exception {
        assumeTrue(TmpFs.available(), "mount not allowed here");
        try (TmpFs fs = TmpFs.mount(1 << 20)) {
            fs.readOnly();
            // the backing store cannot load, so rc1 fails and the instance with it, as flux-core's
            FluxCli.Result r = FluxCli.run("start", "-Sstatedir=" + fs.dir, "flux", "kvs", "put", "a=1");
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("content-sqlite: statedir " + fs.dir + ": read-only file system"), r.err());
        }
    }

    @Test
    void malformedInputIsRefusedWithClearErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kvs.toml"), "[kvs]\nmax-value-size = 1048576\n");
        try (TestBroker b = broker(dir.resolve("state"), "-c", dir.toString()); Handle h = Handle.open(b.uri())) {
            assertError(h, "kvs.commit", "{}", Errno.EPROTO);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":{}}", Errno.EPROTO);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[{\"key\":\"a\"}]}", Errno.EPROTO);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[{\"key\":\"\",\"flags\":0,"
                    + "\"dirent\":null}]}", Errno.EINVAL);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[{\"key\":\"a\\u0000b\",\"flags\":0,"
                    + "\"dirent\":null}]}", Errno.EINVAL);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[{\"key\":\"a\",\"flags\":0,"
                    + "\"dirent\":{\"ver\":2,\"type\":\"val\",\"data\":\"\"}}]}", Errno.EINVAL);
            assertError(h, "kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[{\"key\":\"a\",\"flags\":0,"
                    + "\"dirent\":{\"ver\":1,\"type\":\"dirref\",\"data\":[\"sha1-zz\"]}}]}", Errno.EINVAL);
            assertError(h, "kvs.commit", "{\"namespace\":\"nosuch\",\"flags\":0,\"ops\":[]}", Errno.ENOTSUP);
            assertError(h, "kvs.lookup", "{\"key\":\"a\"}", Errno.EPROTO);
            assertError(h, "kvs.lookup", "{\"key\":\"a\",\"flags\":0}", Errno.EPROTO);
            assertError(h, "kvs.lookup", "{\"key\":\"a\",\"flags\":0,\"rootdir\":{\"ver\":1,\"type\":\"val\",\"data\":\"\"}}",
                    Errno.EINVAL);
            assertError(h, "kvs.lookup", "{\"key\":\"a\",\"flags\":12345,\"namespace\":\"primary\"}", Errno.EINVAL);
            assertError(h, "kvs.getroot", "{}", Errno.EPROTO);
            assertError(h, "kvs.wait-version", "{\"namespace\":\"primary\"}", Errno.EPROTO);
            assertError(h, "kvs.namespace-create", "{\"namespace\":\"x\",\"rootref\":\"bad\",\"owner\":0,\"flags\":0}",
                    Errno.EINVAL);
            assertError(h, "kvs.namespace-remove", "{}", Errno.EPROTO);
            assertError(h, "kvs.fence", "{\"namespace\":\"primary\",\"name\":\"f\",\"nprocs\":0,\"flags\":0,\"ops\":[]}",
                    Errno.EINVAL);
            assertError(h, "kvs-watch.lookup", "{\"key\":\"a\"}", Errno.EPROTO);
            assertError(h, "kvs-watch.lookup", "{\"key\":\"a\",\"namespace\":\"primary\",\"flags\":4}", Errno.EPROTO);
            assertError(h, "content.checkpoint-put", "{}", Errno.EPROTO);
            assertError(h, "content.register-backing", "{}", Errno.EPROTO);
            assertError(h, "content-backing.checkpoint-put", "{\"value\":{\"version\":7}}", Errno.EPROTO);
            FluxException e = rawError(h, "content.load", new byte[3]);
            assertEquals(Errno.EPROTO.number(), e.errnum());
            e = rawError(h, "content-backing.load", new byte[3]);
            assertEquals(Errno.EPROTO.number(), e.errnum());
            e = rawError(h, "content.load", new byte[20]);
            assertEquals(Errno.ENOENT.number(), e.errnum());

            FluxCli.Result r = FluxCli.runWithInput("x".repeat(1048577), Map.of("FLUX_URI", b.uri()),
                    "kvs", "put", "--raw", "big=-");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("value of big is 1048577 bytes, over the limit of 1048576"), r.err());
            r = b.flux("kvs", "put", "--treeobj", "t={\"ver\":1,\"type\":\"bogus\",\"data\":1}");
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("flux-kvs: t: treeobj:"), r.err());
            r = b.flux("kvs", "put", "nonsense");
            assertTrue(r.err().contains("you must specify a value as key=value"), r.err());
            r = b.flux("kvs", "get", "nosuchkey");
            assertEquals("flux-kvs: nosuchkey: No such file or directory\n", r.err());
            b.ok("kvs", "put", "d.e=1");
            r = b.flux("kvs", "get", "d");
            assertEquals("flux-kvs: d: Is a directory\n", r.err());
            r = b.flux("kvs", "dir", "d.e");
            assertEquals("flux-kvs: d.e: Not a directory\n", r.err());
            // still serving
            assertEquals("1\n", b.ok("kvs", "get", "d.e"));
        }
    }

    private static void assertError(Handle h, String topic, String payload, Errno expected) throws Exception {
        ObjectNode o = Json.parseObject(payload, "test");
        try {
            Message m = Handle.get(h.rpc(topic, o, Message.NODEID_ANY));
            throw new AssertionError(topic + " " + payload + " was answered: " + m);
        } catch (FluxException e) {
            assertEquals(expected.number(), e.errnum(), topic + " " + payload + ": " + e.getMessage());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    private static FluxException rawError(Handle h, String topic, byte[] payload) throws Exception {
        try {
            Handle.get(h.rpcRaw(topic, payload, Message.NODEID_ANY));
            throw new AssertionError(topic + " was answered");
        } catch (FluxException e) {
            return e;
        }
    }

    @Test
    void concurrentCommitsToOneKeyAreAllAnsweredAndOneWins(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir); Handle h1 = Handle.open(b.uri()); Handle h2 = Handle.open(b.uri())) {
            for (int round = 0; round < 50; round++) {
                CompletableFuture<Message> f1 = KvsClient.put(h1, "same", "one" + round);
                CompletableFuture<Message> f2 = KvsClient.put(h2, "same", "two" + round);
                Message m1 = Handle.get(f1);
                Message m2 = Handle.get(f2);
                String v = KvsClient.get(h1, "same");
                assertTrue(v.equals("one" + round) || v.equals("two" + round), v);
                long s1 = m1.payloadObject().get("rootseq").asLong();
                long s2 = m2.payloadObject().get("rootseq").asLong();
                assertTrue(s1 > 0 && s2 > 0);
            }
        }
    }

    @Test
    void guestsReachOnlyNamespacesTheyOwn(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "secret=1");
            b.ok("kvs", "namespace", "create", "-o", "5000", "guestns");
            b.ok("kvs", "namespace", "create", "-o", "6000", "otherns");
            Map<String, String> guest = Map.of("FLUX_URI", b.uri(), "FLUX_HANDLE_USERID", "5000",
                    "FLUX_HANDLE_ROLEMASK", "2");
            FluxCli.Result r = FluxCli.runWithInput(null, guest, "kvs", "get", "secret");
            assertEquals("flux-kvs: secret: Operation not permitted\n", r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "put", "secret=2");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("Operation not permitted"), r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "put", "-N", "guestns", "mine=yes");
            assertEquals(0, r.status(), r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "get", "-N", "guestns", "mine");
            assertEquals("yes\n", r.out(), r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "get", "-N", "otherns", "x");
            assertTrue(r.err().contains("Operation not permitted"), r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "put", "-N", "guestns", "--treeobj",
                    "l={\"data\":{\"target\":\"x\"},\"type\":\"symlink\",\"ver\":1}");
            assertTrue(r.err().contains("guests may not commit symlink objects"), r.err());
            r = FluxCli.runWithInput(null, guest, "kvs", "namespace", "list");
            assertTrue(r.err().contains("Request requires owner credentials"), r.err());
            // a symlink into a namespace the guest does not own leads nowhere
            b.ok("kvs", "link", "-N", "guestns", "-T", "primary", "secret", "peek");
            r = FluxCli.runWithInput(null, guest, "kvs", "get", "-N", "guestns", "peek");
            assertTrue(r.err().contains("Operation not permitted"), r.err());
            assertEquals("1\n", b.ok("kvs", "get", "-N", "guestns", "peek"));
        }
    }

    @Test
    void watchesSeeEachCommitAndEventlogsWait(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "w=0");
            CompletableFuture<FluxCli.Result> watch = CompletableFuture.supplyAsync(() -> b.flux("kvs", "get", "-w", "-c", "4", "w"));
            CompletableFuture<FluxCli.Result> wait = CompletableFuture.supplyAsync(
                    () -> b.flux("kvs", "eventlog", "wait-event", "-W", "-u", "log", "done"));
            CompletableFuture<FluxCli.Result> created = CompletableFuture.supplyAsync(() -> b.flux("kvs", "get", "-W", "later"));
            // wait until both watchers are registered before writing
            for (int i = 0; i < 100; i++) {
                String stats = b.ok("module", "stats", "kvs-watch");
                if (stats.contains("\"watchers\":3") || stats.contains("\"watchers\": 3")) {
                    break;
                }
            }
            for (int i = 1; i <= 3; i++) {
                b.ok("kvs", "put", "w=" + i);
            }
            b.ok("kvs", "eventlog", "append", "log", "start");
            b.ok("kvs", "eventlog", "append", "log", "done", "{\"ok\":true}");
            b.ok("kvs", "put", "later=here");
            assertEquals("0\n1\n2\n3\n", watch.get().out(), watch.get().err());
            assertTrue(wait.get().out().contains("\"name\":\"done\",\"context\":{\"ok\":true}"), wait.get().err());
            assertEquals("here\n", created.get().out(), created.get().err());
        }
    }

    @Test
    void checkpointsAndContentCommands(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "a=1");
            String root = b.ok("kvs", "getroot", "-b").strip();
            String list = b.ok("content", "checkpoint", "list", "-n");
            assertTrue(list.lines().findFirst().orElse("").endsWith(root), list);
            String ref = FluxCli.runWithInput("hello content", Map.of("FLUX_URI", b.uri()), "content", "store").out().strip();
            assertEquals("hello content", b.ok("content", "load", ref));
            b.ok("content", "flush");
            b.ok("content", "dropcache");
            b.ok("kvs", "dropcache");
            assertEquals("hello content", b.ok("content", "load", ref));
            assertEquals("1\n", b.ok("kvs", "get", "a"));
            String treeobj = b.ok("kvs", "getroot").strip();
            b.ok("kvs", "put", "a=2");
            assertEquals("1\n", b.ok("kvs", "get", "--at", treeobj, "a"));
            assertNotEquals(root, b.ok("kvs", "getroot", "-b").strip());
        }
    }

    @Test
    void valuesOfAnySizeRoundTrip(@TempDir Path statedir) throws Exception {
        try (TestBroker b = broker(statedir); Handle h = Handle.open(b.uri())) {
            for (int n : new int[] {0, 1, 54, 55, 72, 1000, 300_000}) {
                String v = "z".repeat(n);
                Handle.get(KvsClient.put(h, "s" + n, v));
                assertEquals(v, KvsClient.get(h, "s" + n));
            }
            assertNull(KvsClient.get(h, "s2"));
            TreeObj t = TreeObj.fromJson(h.rpcGetJson("kvs.lookup", Json.parseObject(
                    "{\"key\":\"s1000\",\"flags\":16,\"namespace\":\"primary\"}", "t"), 0).get("val"));
            assertEquals("valref", t.type());
            t = TreeObj.fromJson(h.rpcGetJson("kvs.lookup", Json.parseObject(
                    "{\"key\":\"s54\",\"flags\":16,\"namespace\":\"primary\"}", "t"), 0).get("val"));
            assertEquals("val", t.type());
        }
    }
}
