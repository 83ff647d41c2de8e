package org.fluxj.content.files;

import static org.fluxj.content.Blobs.get;
import static org.fluxj.content.Blobs.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.fluxj.content.Blobs;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesStoreTest {
    @TempDir
    Path statedir;

    private FilesStore open() throws ContentException {
        return FilesStore.open(statedir, FilesStore.Options.defaults(Algorithm.SHA1));
    }

    @Test
    void oneFileperBlobNamedByItsBlobref() throws Exception {
        try (FilesStore store = open()) {
            BlobRef ref = get(store.store(utf8("hello")));
            assertArrayEquals(utf8("hello"), Files.readAllBytes(statedir.resolve("content.files").resolve(ref.toString())));
            assertArrayEquals(utf8("hello"), get(store.load(ref)));
            get(store.validate(ref));
            BlobRef empty = get(store.store(new byte[0]));
            assertArrayEquals(new byte[0], get(store.load(empty)));
            assertEquals(ref, get(store.store(utf8("hello"))));
        }
        try (Stream<Path> files = Files.list(statedir.resolve("content.files"))) {
            assertEquals(2, files.count());
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(statedir.resolve("content.files"))));
    }

    @Test
    void unknownContentIsEnoent() throws Exception {
        try (FilesStore store = open()) {
            BlobRef ref = BlobRef.hash(Algorithm.SHA1, utf8("nope"));
            ContentException e = assertThrows(ContentException.class, () -> get(store.load(ref)));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("content-files: load: " + ref + ": not stored", e.getMessage());
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.validate(ref))).errno());
            assertEquals(List.of(), get(store.checkpointGet()));
        }
    }

    @Test
    void keepsOneCheckpointInKvsPrimary() throws Exception {
        BlobRef root = BlobRef.hash(Algorithm.SHA1, utf8("root"));
        try (FilesStore store = open()) {
            get(store.checkpointPut(new Checkpoint(root, 1, 10.0)));
            get(store.checkpointPut(new Checkpoint(root, 2, 20.5)));
            assertEquals(List.of(new Checkpoint(root, 2, 20.5)), get(store.checkpointGet()));
        }
        assertEquals("{\"version\":1,\"rootref\":\"" + root + "\",\"sequence\":2,\"timestamp\":20.5}",
                Files.readString(statedir.resolve("content.files/kvs-primary")));
    }

    @Test
    void dataSurvivesReopenAndTemporaryLeftoversAreRemoved() throws Exception {
        List<CompletableFuture<BlobRef>> refs = new ArrayList<>();
        try (FilesStore store = open()) {
            for (int i = 0; i < 200; i++) {
                refs.add(store.store(Blobs.random(i, 3000)));
            }
            for (CompletableFuture<BlobRef> f : refs) {
                get(f);
            }
        }
        Path leftover = Files.writeString(statedir.resolve("content.files/.tmp.sha1-0000.7"), "half");
        try (FilesStore store = open()) {
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(Blobs.random(i, 3000), get(store.load(get(refs.get(i)))));
            }
        }
        assertFalse(Files.exists(leftover));
    }

    @Test
    void aTamperedBlobIsReportedNotReturned() throws Exception {
        try (FilesStore store = open()) {
            BlobRef ref = get(store.store(utf8("precious")));
            Files.writeString(statedir.resolve("content.files").resolve(ref.toString()), "garbage");
            ContentException e = assertThrows(ContentException.class, () -> get(store.load(ref)));
            assertEquals(Errno.EIO, e.errno());
        }
    }

    @Test
    void truncateStartsEmpty() throws Exception {
        BlobRef ref;
        try (FilesStore store = open()) {
            ref = get(store.store(utf8("x")));
        }
        try (FilesStore store = FilesStore.open(statedir, new FilesStore.Options(Algorithm.SHA1, true, true, 1 << 20))) {
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.load(ref))).errno());
        }
    }

    @Test
    void refusesMalformedRequestsAndStatedirs() throws Exception {
        try (FilesStore store = open()) {
            assertEquals(Errno.EINVAL, assertThrows(ContentException.class, () -> get(store.store(null))).errno());
            assertEquals(Errno.EPROTO, assertThrows(ContentException.class,
                    () -> get(store.load(BlobRef.hash(Algorithm.SHA256, utf8("x"))))).errno());
            Files.writeString(statedir.resolve("content.files/kvs-primary"), "{\"version\":7}");
            ContentException e = assertThrows(ContentException.class, () -> get(store.checkpointGet()));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("content-files: checkpoint-get: checkpoint: unsupported version 7", e.getMessage());
        }
        Path file = Files.writeString(statedir.resolve("plain"), "x");
        assertEquals(Errno.ENOTDIR, assertThrows(ContentException.class,
                () -> FilesStore.open(file, FilesStore.Options.defaults(Algorithm.SHA1))).errno());
        // content.files itself a file
        Path other = Files.createDirectory(statedir.resolve("other"));
        Files.writeString(other.resolve("content.files"), "x");
        ContentException e = assertThrows(ContentException.class, () -> FilesStore.open(other, FilesStore.Options.defaults(Algorithm.SHA1)));
        assertTrue(e.getMessage().startsWith("content-files: open " + other.resolve("content.files")), e.getMessage());
    }
}
