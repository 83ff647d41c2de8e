package org.fluxj.content;

import static org.fluxj.content.Blobs.get;
import static org.fluxj.content.Blobs.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;

class ContentCacheTest {

    /** An upstream whose answers the test gives by hand. */
    static final class Upstream {
        final Map<BlobRef, byte[]> stored = new HashMap<>();
        final List<BlobRef> loads = new ArrayList<>();
        final List<CompletableFuture<byte[]>> pendingLoads = new ArrayList<>();
        final List<CompletableFuture<BlobRef>> pendingStores = new ArrayList<>();
        final List<byte[]> storeRequests = new ArrayList<>();

        CompletableFuture<byte[]> load(BlobRef ref) {
            loads.add(ref);
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            pendingLoads.add(f);
            return f;
        }

        CompletableFuture<BlobRef> store(byte[] blob) {
            storeRequests.add(blob);
            CompletableFuture<BlobRef> f = new CompletableFuture<>();
            pendingStores.add(f);
            return f;
        }
    }

    private static BlobRef ref(String s) {
        return BlobRef.hash(Algorithm.SHA1, utf8(s));
    }

    @Test
    void anUpstreamThatAnswersAtOnce() throws Exception {
        ContentCache cache = new ContentCache(Algorithm.SHA1, 1 << 20,
                r -> CompletableFuture.failedFuture(new ContentException(Errno.ENOENT, "none")),
                b -> CompletableFuture.completedFuture(BlobRef.hash(Algorithm.SHA1, b)));
        assertEquals(ref("now"), cache.store(utf8("now")).get());
        assertEquals(0, cache.stats().dirty());
        assertArrayEquals(utf8("now"), cache.load(ref("now")).get());
    }

    @Test
    void aMissIsLoadedOnceAndThenHit() throws Exception {
        Upstream up = new Upstream();
        ContentCache cache = new ContentCache(Algorithm.SHA1, 1 << 20, up::load, up::store);
        CompletableFuture<byte[]> a = cache.load(ref("x"));
        CompletableFuture<byte[]> b = cache.load(ref("x"));
        assertEquals(List.of(ref("x")), up.loads, "concurrent misses share one upstream load");
        assertFalse(a.isDone());
        up.pendingLoads.get(0).complete(utf8("x"));
        assertArrayEquals(utf8("x"), get(a));
        assertArrayEquals(utf8("x"), get(b));
        assertArrayEquals(utf8("x"), get(cache.load(ref("x"))));
        assertEquals(1, up.loads.size());
        ContentCache.Stats s = cache.stats();
        assertEquals(1, s.count());
        assertEquals(1, s.bytes());
        assertEquals(1, s.misses());
        assertEquals(1, s.hits());
    }

    @Test
    void upstreamErrorsAndWrongDataAreNotCached() throws Exception {
        Upstream up = new Upstream();
        ContentCache cache = new ContentCache(Algorithm.SHA1, 1 << 20, up::load, up::store);
        CompletableFuture<byte[]> missing = cache.load(ref("missing"));
        ContentException enoent = new ContentException(Errno.ENOENT, "content: load: not stored");
        up.pendingLoads.get(0).completeExceptionally(enoent);
        assertSame(enoent, assertThrows(ContentException.class, () -> get(missing)));
        CompletableFuture<byte[]> lying = cache.load(ref("truth"));
        up.pendingLoads.get(1).complete(utf8("lie"));
        ContentException e = assertThrows(ContentException.class, () -> get(lying));
        assertEquals(Errno.EIO, e.errno());
        assertEquals("content: load: " + ref("truth") + ": upstream returned data that does not match its hash", e.getMessage());
        assertFalse(cache.contains(ref("truth")));
        cache.load(ref("missing"));
        assertEquals(3, up.loads.size(), "a failed load is retried upstream");
        ContentCache throwing = new ContentCache(Algorithm.SHA1, 10, r -> {
            throw new IllegalStateException("no parent");
        }, up::store);
        assertThrows(Exception.class, () -> get(throwing.load(ref("x"))));
        assertEquals(Errno.EPROTO, assertThrows(ContentException.class,
                () -> get(cache.load(BlobRef.hash(Algorithm.SHA256, utf8("x"))))).errno());
        assertEquals(Errno.EPROTO, assertThrows(ContentException.class, () -> get(cache.load(null))).errno());
        assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(cache.store(null))).errno());
    }

    @Test
    void leastRecentlyUsedBytesGoFirst() throws Exception {
        Map<BlobRef, byte[]> parent = new HashMap<>();
        for (String s : List.of("aaaa", "bbbb", "cccc", "dddd")) {
            parent.put(ref(s), utf8(s));
        }
        List<BlobRef> loads = new ArrayList<>();
        ContentCache cache = new ContentCache(Algorithm.SHA1, 10, r -> {
            loads.add(r);
            return CompletableFuture.completedFuture(parent.get(r));
        }, b -> CompletableFuture.completedFuture(BlobRef.hash(Algorithm.SHA1, b)));
        get(cache.load(ref("aaaa")));
        get(cache.load(ref("bbbb")));
        get(cache.load(ref("aaaa"))); // a is now the most recent
        get(cache.load(ref("cccc"))); // 12 bytes > 10: b goes
        assertTrue(cache.contains(ref("aaaa")));
        assertFalse(cache.contains(ref("bbbb")));
        assertTrue(cache.contains(ref("cccc")));
        assertEquals(8, cache.stats().bytes());
        assertEquals(1, cache.stats().evictions());
        cache.dropCache();
        assertEquals(0, cache.stats().count());
        assertEquals(0, cache.stats().bytes());
    }

    @Test
    void storesAreAcknowledgedOnlyOnceUpstreamHasThemAndStayUntilThen() throws Exception {
        Upstream up = new Upstream();
        ContentCache cache = new ContentCache(Algorithm.SHA1, 0, up::load, up::store);
        CompletableFuture<BlobRef> s = cache.store(utf8("dirty"));
        CompletableFuture<BlobRef> again = cache.store(utf8("dirty"));
        assertEquals(1, up.storeRequests.size(), "a blob being stored is not sent twice");
        assertFalse(s.isDone());
        assertEquals(1, cache.stats().dirty());
        // a dirty blob is served, and not evicted though the capacity is 0
        assertArrayEquals(utf8("dirty"), get(cache.load(ref("dirty"))));
        cache.dropCache();
        assertTrue(cache.contains(ref("dirty")));
        CompletableFuture<Void> flush = cache.flush();
        assertFalse(flush.isDone());
        up.pendingStores.get(0).complete(ref("dirty"));
        assertEquals(ref("dirty"), get(s));
        assertEquals(ref("dirty"), get(again));
        get(flush);
        assertEquals(0, cache.stats().dirty());
        assertFalse(cache.contains(ref("dirty")), "clean now, so over capacity 0");
    }

    @Test
    void aStoreUpstreamRefusedIsForgotten() throws Exception {
        Upstream up = new Upstream();
        ContentCache cache = new ContentCache(Algorithm.SHA1, 1 << 20, up::load, up::store);
        CompletableFuture<BlobRef> s = cache.store(utf8("doomed"));
        ContentException full = new ContentException(Errno.ENOSPC, "content-sqlite: store: database or disk is full");
        up.pendingStores.get(0).completeExceptionally(full);
        assertSame(full, assertThrows(ContentException.class, () -> get(s)));
        assertFalse(cache.contains(ref("doomed")));
        assertEquals(0, cache.stats().dirty());
        assertEquals(0, cache.stats().bytes());
        CompletableFuture<BlobRef> wrong = cache.store(utf8("x"));
        up.pendingStores.get(1).complete(ref("y"));
        assertEquals(Errno.EPROTO, assertThrows(ContentException.class, () -> get(wrong)).errno());
    }

    @Test
    void onRankZeroItSitsOnADurableStore() throws Exception {
        List<BlobRef> refs = new ArrayList<>();
        MemoryStore.Content statedir = new MemoryStore.Content();
        try (MemoryStore store = new MemoryStore("backing", Algorithm.SHA1, statedir)) {
            ContentCache cache = new ContentCache(Algorithm.SHA1, 4096, store::load, store::store);
            List<CompletableFuture<BlobRef>> pending = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pending.add(cache.store(Blobs.random(i, 500)));
            }
            for (CompletableFuture<BlobRef> f : pending) {
                refs.add(get(f));
            }
            get(cache.flush());
            assertEquals(0, cache.stats().dirty());
            assertTrue(cache.stats().bytes() <= 4096);
        }
        try (MemoryStore store = new MemoryStore("backing", Algorithm.SHA1, statedir)) {
            ContentCache cache = new ContentCache(Algorithm.SHA1, 4096, store::load, store::store);
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(Blobs.random(i, 500), get(cache.load(refs.get(i))));
            }
        }
    }
}
