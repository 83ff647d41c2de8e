package org.fluxj.kvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.junit.jupiter.api.Test;

/** Commits applied to trees and lookups over them, as flux-core's kvstxn and lookup tests do. */
class TxnLookupTest {
    private static final BlobRef.Algorithm SHA1 = BlobRef.Algorithm.SHA1;
    private final ObjectCache cache = new ObjectCache(1 << 30,
            r -> CompletableFuture.failedFuture(new RequestException(Errno.ENOENT, "not loadable in this test")));
    private final Txn txn = new Txn(cache, SHA1, "primary");
    private final Lookup lookup = new Lookup(cache, ns -> {
        throw new RequestException(Errno.ENOTSUP, "no namespace " + ns);
    });

    private static TreeObj.Val val(String s) {
        return new TreeObj.Val(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Applies ops, stores what unroll makes into the cache, returns the new root's blobref. */
    private BlobRef commit(BlobRef root, Txn.Op... ops) throws Exception {
        TreeObj.Dir dir = root == null ? TreeObj.Dir.empty() : cache.dir(root);
        Txn.Result r = txn.apply(dir, List.of(ops));
        return txn.storeDir(txn.unroll(r.root(), new LinkedHashMap<>(r.blobs())), new LinkedHashMap<>());
    }

    private String get(BlobRef root, String key) throws Exception {
        TreeObj t = lookup.lookup(root, key, 0);
        return t == null ? null : new String(((TreeObj.Val) t).data(), StandardCharsets.UTF_8);
    }

    private static Txn.Op put(String key, String v) {
        return new Txn.Op(key, 0, val(v));
    }

    @Test
    void putsMakeDirectoriesAndLookupsFindThem() throws Exception {
        BlobRef r = commit(null, put("a", "1"), put("b.c.d", "deep"), put("..x..y.", "normalized"));
        assertEquals("1", get(r, "a"));
        assertEquals("deep", get(r, "b.c.d"));
        assertEquals("normalized", get(r, "x.y"));
        assertNull(get(r, "nope"));
        assertNull(get(r, "a.b"), "a value in the middle of a path is no key");
        assertInstanceOf(TreeObj.DirRef.class, lookup.lookup(r, "b", KvsFlags.TREEOBJ));
        assertEquals(Errno.EISDIR, assertThrows(RequestException.class, () -> lookup.lookup(r, "b", 0)).errno());
        assertEquals(Errno.ENOTDIR, assertThrows(RequestException.class, () -> lookup.lookup(r, "a", KvsFlags.READDIR)).errno());
        assertEquals(Errno.EISDIR, assertThrows(RequestException.class, () -> lookup.lookup(r, ".", 0)).errno());
        assertEquals(2, ((TreeObj.Dir) lookup.lookup(r, "b.c", KvsFlags.READDIR)).count() + 1);
    }

    @Test
    void aValueWhereADirectoryIsNeededIsReplaced() throws Exception {
        BlobRef r = commit(null, put("a", "1"));
        r = commit(r, put("a.b", "2"));
        assertEquals("2", get(r, "a.b"));
    }

    @Test
    void unlinkRemovesAndIgnoresWhatIsNotThere() throws Exception {
        BlobRef r = commit(null, put("a.b", "1"), put("c", "2"));
        r = commit(r, new Txn.Op("a.b", 0, null), new Txn.Op("no.such.key", 0, null));
        assertNull(get(r, "a.b"));
        assertEquals("2", get(r, "c"));
    }

    @Test
    void largeValuesBecomeValrefsAndAppendsChainBlobs() throws Exception {
        String big = "v".repeat(55); // 76 base64 characters: over the 72 kept inline
        BlobRef r = commit(null, put("small", "v".repeat(54)), put("big", big));
        assertInstanceOf(TreeObj.Val.class, lookup.lookup(r, "small", KvsFlags.TREEOBJ));
        assertInstanceOf(TreeObj.ValRef.class, lookup.lookup(r, "big", KvsFlags.TREEOBJ));
        assertEquals(big, get(r, "big"));
        r = commit(r, new Txn.Op("log", KvsFlags.APPEND, val("a")));
        r = commit(r, new Txn.Op("log", KvsFlags.APPEND, val("b")));
        r = commit(r, new Txn.Op("log", KvsFlags.APPEND, val("c")));
        assertEquals("abc", get(r, "log"));
        TreeObj.ValRef v = (TreeObj.ValRef) lookup.lookup(r, "log", KvsFlags.TREEOBJ);
        assertEquals(3, v.count());
        BlobRef r2 = r;
        assertEquals(Errno.EISDIR, assertThrows(RequestException.class,
                () -> commit(r2, new Txn.Op("x", 0, TreeObj.Dir.empty()), new Txn.Op("x", KvsFlags.APPEND, val("z")))).errno());
        assertEquals(Errno.EPROTO, assertThrows(RequestException.class,
                () -> commit(r2, new Txn.Op("log", KvsFlags.APPEND, TreeObj.Dir.empty()))).errno());
    }

    @Test
    void symlinksAreFollowedReadAndBoundedInDepth() throws Exception {
        BlobRef r = commit(null, put("d.k", "target"), new Txn.Op("ln", 0, new TreeObj.Symlink("d")),
                new Txn.Op("loop", 0, new TreeObj.Symlink("loop")), new Txn.Op("top", 0, new TreeObj.Symlink(".")));
        assertEquals("target", get(r, "ln.k"));
        assertEquals("target", get(r, "top.d.k"));
        assertInstanceOf(TreeObj.Symlink.class, lookup.lookup(r, "ln", KvsFlags.READLINK));
        assertEquals(Errno.EINVAL, assertThrows(RequestException.class, () -> lookup.lookup(r, "d.k", KvsFlags.READLINK)).errno());
        assertEquals(Errno.ELOOP, assertThrows(RequestException.class, () -> lookup.lookup(r, "loop", 0)).errno());
        // writing through a symlink writes where it points
        BlobRef r2 = commit(r, put("ln.new", "via link"));
        assertEquals("via link", get(r2, "d.new"));
        assertEquals(Errno.EINVAL, assertThrows(RequestException.class,
                () -> commit(r, new Txn.Op("o", 0, TreeObj.Symlink.of("other", "x")), put("o.y", "1"))).errno());
    }

    @Test
    void theRootCannotBeWritten() {
        assertEquals(Errno.EINVAL, assertThrows(RequestException.class, () -> commit(null, put(".", "x"))).errno());
    }

    @Test
    void aMissingObjectStallsTheLookup() throws Exception {
        BlobRef r = commit(null, put("a.b", "1"));
        TreeObj.DirRef a = (TreeObj.DirRef) lookup.lookup(r, "a", KvsFlags.TREEOBJ);
        cache.clear();
        Missing m = assertThrows(Missing.class, () -> lookup.lookup(r, "a.b", 0));
        assertTrue(m.refs().contains(r));
        assertEquals(1, a.count());
    }

    @Test
    void opsAreParsedStrictly() throws Exception {
        var json = org.fluxj.formats.json.Json.parseObject(
                "{\"key\":\"a\",\"flags\":32,\"dirent\":{\"data\":\"eA==\",\"type\":\"val\",\"ver\":1}}", "t");
        Txn.Op op = Txn.Op.fromJson(json);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), ((TreeObj.Val) op.dirent()).data());
        assertEquals(Errno.EPROTO, assertThrows(RequestException.class, () -> Txn.Op.fromJson(
                org.fluxj.formats.json.Json.parseObject("{\"key\":\"a\",\"flags\":0,\"dirent\":null,\"x\":1}", "t"))).errno());
        assertEquals(Errno.EINVAL, assertThrows(RequestException.class, () -> Txn.Op.fromJson(
                org.fluxj.formats.json.Json.parseObject("{\"key\":\"a\",\"flags\":1,\"dirent\":null}", "t"))).errno());
    }
}
