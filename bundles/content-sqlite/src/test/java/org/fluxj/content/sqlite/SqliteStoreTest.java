package org.fluxj.content.sqlite;

import static org.fluxj.content.Blobs.get;
import static org.fluxj.content.Blobs.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fluxj.content.Blobs;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.fluxj.formats.treeobj.TreeObj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqliteStoreTest {
    @TempDir
    Path statedir;

    private SqliteStore open() throws ContentException {
        return SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void storesAndLoads(Algorithm algorithm) throws Exception {
        try (SqliteStore store = SqliteStore.open(statedir, SqliteStore.Options.defaults(algorithm))) {
            byte[] blob = utf8("hello");
            BlobRef ref = get(store.store(blob));
            assertEquals(BlobRef.hash(algorithm, blob), ref);
            assertArrayEquals(blob, get(store.load(ref)));
            get(store.validate(ref));
            BlobRef empty = get(store.store(new byte[0]));
            assertArrayEquals(new byte[0], get(store.load(empty)));
            byte[] big = Blobs.random(1, 3 << 20);
            assertArrayEquals(big, get(store.load(get(store.store(big)))));
        }
        assertTrue(Files.exists(statedir.resolve("content.sqlite")));
    }

    @Test
    void unknownContentIsEnoent() throws Exception {
        try (SqliteStore store = open()) {
            BlobRef ref = BlobRef.hash(Algorithm.SHA1, utf8("nope"));
            ContentException e = assertThrows(ContentException.class, () -> get(store.load(ref)));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("content-sqlite: load: " + ref + ": not stored", e.getMessage());
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.validate(ref))).errno());
            assertEquals(List.of(), get(store.checkpointGet()));
        }
    }

    @Test
    void duplicatesAreStoredOnce() throws Exception {
        try (SqliteStore store = open()) {
            List<CompletableFuture<BlobRef>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(store.store(utf8("same")));
            }
            for (CompletableFuture<BlobRef> f : all) {
                assertEquals(BlobRef.hash(Algorithm.SHA1, utf8("same")), get(f));
            }
        }
        assertEquals(1, SqliteFile.verifyAllObjects(statedir.resolve("content.sqlite"), Algorithm.SHA1));
    }

    @Test
    void keepsFluxCoresSchemaAndTextHashes() throws Exception {
        try (SqliteStore store = open()) {
            for (int i = 0; i < 300; i++) { // some digests hold zero bytes
                get(store.store(Blobs.random(i, 100)));
            }
        }
        Path file = statedir.resolve("content.sqlite");
        assertTrue(SqliteFile.verifyAllObjects(file, Algorithm.SHA1) > 250);
        try (Connection c = SqliteFile.jdbc(file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'objects'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("hash BLOB PRIMARY KEY,  size INT,  object BLOB,  epoch INT DEFAULT 0"), rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM objects WHERE size != -1 OR typeof(hash) != 'text'")) {
                assertEquals(0, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
        }
        assertFalse(Files.exists(statedir.resolve("content.sqlite-shm")), "exclusive locking keeps the WAL index in memory");
    }

    @Test
    void readsObjectsFluxCoreCompressed() throws Exception {
        // an LZ4 block made by the lz4 tool from 40 x "flux content store " and bytes 0..255
        byte[] data = new byte[1016];
        byte[] text = utf8("flux content store ".repeat(40));
        System.arraycopy(text, 0, data, 0, text.length);
        for (int i = 0; i < 256; i++) {
            data[text.length + i] = (byte) i;
        }
        byte[] block = Base64.getDecoder().decode("/wRmbHV4IGNvbnRlbnQgc3RvcmUgEwD//9Tw8QABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp+goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2+v8DBwsPExcbHyMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8=");
        BlobRef ref = BlobRef.hash(Algorithm.SHA1, data);
        assertEquals("sha1-394e41fa23b622cd77d8fd9e6b904eb1bff92aa6", ref.toString());
        open().close();
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite"));
                PreparedStatement p = c.prepareStatement("INSERT INTO objects (hash,size,object,epoch) VALUES (CAST(? AS TEXT),?,?,0)")) {
            p.setBytes(1, ref.digest());
            p.setInt(2, data.length);
            p.setBytes(3, block);
            p.executeUpdate();
        }
        try (SqliteStore store = open()) {
            assertArrayEquals(data, get(store.load(ref)));
            get(store.validate(ref));
            assertEquals(ref, get(store.store(data))); // a duplicate of a compressed object
            assertArrayEquals(data, get(store.load(ref)));
        }
    }

    @Test
    void checkpointsNewestFirstAndPruned() throws Exception {
        BlobRef root = TreeObj.Dir.empty().blobRef(Algorithm.SHA1);
        try (SqliteStore store = SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1).withMaxCheckpoints(3))) {
            for (int seq = 1; seq <= 5; seq++) {
                get(store.checkpointPut(new Checkpoint(root, seq, 1700000000.25 + seq)));
            }
            List<Checkpoint> got = get(store.checkpointGet());
            assertEquals(List.of(5L, 4L, 3L), got.stream().map(Checkpoint::sequence).toList());
            assertEquals(new Checkpoint(root, 5, 1700000005.25), got.get(0));
            // stores are marked with the epoch of the latest checkpoint, as flux-core's
            get(store.store(utf8("after checkpoints")));
        }
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite")); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT value FROM checkpt_v2 ORDER BY id DESC LIMIT 1")) {
                assertEquals("{\"version\":1,\"rootref\":\"" + root + "\",\"sequence\":5,\"timestamp\":1700000005.25}", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT epoch FROM objects")) {
                assertEquals(5, rs.getLong(1));
            }
        }
    }

    @Test
    void dataSurvivesCloseAndReopen() throws Exception {
        List<BlobRef> refs = new ArrayList<>();
        BlobRef root = BlobRef.hash(Algorithm.SHA1, utf8("root"));
        try (SqliteStore store = open()) {
            for (int i = 0; i < 100; i++) {
                refs.add(get(store.store(Blobs.random(i, 5000))));
            }
            get(store.checkpointPut(new Checkpoint(root, 42, 1.5)));
        }
        try (SqliteStore store = open()) {
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(Blobs.random(i, 5000), get(store.load(refs.get(i))));
            }
            assertEquals(List.of(new Checkpoint(root, 42, 1.5)), get(store.checkpointGet()));
        }
        assertFalse(Files.exists(statedir.resolve("content.sqlite-wal")) && Files.size(statedir.resolve("content.sqlite-wal")) > 0,
                "close checkpoints and truncates the WAL");
    }

    @Test
    void truncateStartsEmpty() throws Exception {
        BlobRef ref;
        try (SqliteStore store = open()) {
            ref = get(store.store(utf8("x")));
        }
        try (SqliteStore store = SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1).withTruncate(true))) {
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.load(ref))).errno());
        }
    }

    @Test
    void concurrentStoresShareCommits() throws Exception {
        try (SqliteStore store = open()) {
            List<CompletableFuture<BlobRef>> all = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                all.add(store.store(Blobs.random(i, 200)));
            }
            for (int i = 0; i < all.size(); i++) {
                assertEquals(BlobRef.hash(Algorithm.SHA1, Blobs.random(i, 200)), get(all.get(i)));
            }
            long[] stats = store.groupStats();
            assertEquals(2000, stats[1]);
            assertTrue(stats[0] >= 1 && stats[0] <= 2000);
        }
    }

    @Test
    void aBlobOverTheLimitIsEfbig() throws Exception {
        try (SqliteStore store = SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1).withMaxBlob(10))) {
            ContentException e = assertThrows(ContentException.class, () -> get(store.store(new byte[11])));
            assertEquals(Errno.EFBIG, e.errno());
            assertEquals("content-sqlite: store: blob of 11 bytes exceeds the limit of 10", e.getMessage());
            get(store.store(new byte[10]));
        }
    }

    @Test
    void refusesMalformedRequests() throws Exception {
        try (SqliteStore store = open()) {
            assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(store.store(null))).errno());
            assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(store.load(null))).errno());
            assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(store.validate(null))).errno());
            assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(store.checkpointPut(null))).errno());
            BlobRef sha256 = BlobRef.hash(Algorithm.SHA256, utf8("x"));
            ContentException e = assertThrows(ContentException.class, () -> get(store.load(sha256)));
            assertEquals(Errno.EPROTO, e.errno());
            assertEquals("content-sqlite: load: " + sha256 + " is not a sha1 blobref", e.getMessage());
        }
    }

    @Test
    void requestsAfterCloseFail() throws Exception {
        SqliteStore store = open();
        CompletableFuture<BlobRef> before = store.store(utf8("before"));
        store.close();
        store.close();
        assertEquals(BlobRef.hash(Algorithm.SHA1, utf8("before")), get(before));
        ContentException e = assertThrows(ContentException.class, () -> get(store.store(utf8("after"))));
        assertEquals(Errno.ENOSYS, e.errno());
        assertEquals("content-sqlite: the store is closed", e.getMessage());
        assertThrows(ContentException.class, () -> get(store.checkpointGet()));
    }

    @Test
    void aStatedirThatIsAFileOrMissingIsRefused() throws Exception {
        Path file = Files.writeString(statedir.resolve("plain"), "x");
        ContentException e = assertThrows(ContentException.class,
                () -> SqliteStore.open(file, SqliteStore.Options.defaults(Algorithm.SHA1)));
        assertEquals(Errno.ENOTDIR, e.errno());
        assertEquals("content-sqlite: statedir " + file + ": not a directory", e.getMessage());
        Path missing = statedir.resolve("missing");
        assertEquals(Errno.ENOENT, assertThrows(ContentException.class,
                () -> SqliteStore.open(missing, SqliteStore.Options.defaults(Algorithm.SHA1))).errno());
    }

    @Test
    void aCorruptDatabaseIsRefused() throws Exception {
        Files.write(statedir.resolve("content.sqlite"), Blobs.random(7, 8192));
        ContentException e = assertThrows(ContentException.class, this::open);
        assertEquals(Errno.EIO, e.errno());
        assertTrue(e.getMessage().startsWith("content-sqlite: open " + statedir.resolve("content.sqlite") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aTamperedObjectIsReportedNotReturned() throws Exception {
        BlobRef ref;
        try (SqliteStore store = open()) {
            ref = get(store.store(utf8("precious")));
        }
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite")); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE objects SET object = X'0102'");
        }
        try (SqliteStore store = open()) {
            ContentException e = assertThrows(ContentException.class, () -> get(store.load(ref)));
            assertEquals(Errno.EIO, e.errno());
            assertEquals("content-sqlite: load: " + ref + ": stored object does not match its hash", e.getMessage());
        }
    }

    @Test
    void aMalformedCheckpointIsReported() throws Exception {
        open().close();
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite")); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO checkpt_v2 (value) VALUES ('sha1-legacy-blobref')");
        }
        try (SqliteStore store = open()) {
            ContentException e = assertThrows(ContentException.class, () -> get(store.checkpointGet()));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().startsWith("content-sqlite: checkpoint-get: checkpoint: invalid JSON"), e.getMessage());
        }
    }

    @Test
    void aSecondBrokerOnTheSameStatedirIsRefused() throws Exception {
        try (SqliteStore store = open()) {
            get(store.store(utf8("mine")));
            ContentException e = assertThrows(ContentException.class, this::open);
            assertEquals(Errno.EBUSY, e.errno());
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
            get(store.store(utf8("still mine")));
        }
    }

    @Test
    void migratesAnOlderFluxCoreDatabase() throws Exception {
        BlobRef root = BlobRef.hash(Algorithm.SHA1, utf8("old root"));
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE objects(hash BLOB PRIMARY KEY, size INT, object BLOB)");
            s.execute("CREATE TABLE checkpt(key TEXT UNIQUE, value TEXT)");
            s.execute("INSERT INTO checkpt VALUES ('kvs-primary', '{\"version\":1,\"rootref\":\"" + root + "\",\"timestamp\":2.0}')");
        }
        try (SqliteStore store = open()) {
            assertEquals(List.of(new Checkpoint(root, 0, 2.0)), get(store.checkpointGet()));
            get(store.store(utf8("new")));
        }
        try (Connection c = SqliteFile.jdbc(statedir.resolve("content.sqlite")); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'checkpt'")) {
            assertEquals(0, rs.getInt(1));
        }
    }
}
