package org.fluxj.content;

import static org.fluxj.content.Blobs.get;
import static org.fluxj.content.Blobs.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code truncate} (what rc1 loads the backing module with to restore a dump): the store starts
 * empty, and the old content is kept aside until the new content's first checkpoint; nothing set
 * aside before is touched.
 */
class TruncateTest {
    @TempDir
    Path statedir;

    private BackingStore open(String kind, boolean truncate) throws ContentException {
        return kind.equals("files")
                ? FilesStore.open(statedir, new FilesStore.Options(Algorithm.SHA1, true, truncate, 1 << 20))
                : SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1).withTruncate(truncate));
    }

    /** What truncates set aside (the main file or directory only, not a -wal). */
    private List<Path> kept(String kind) throws java.io.IOException {
        String prefix = kind.equals("files") ? "content.files." : "content.sqlite.";
        try (var files = Files.list(statedir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".old"))
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "files"})
    void oldContentIsKeptUntilTheFirstCheckpoint(String kind) throws Exception {
        BlobRef old;
        try (BackingStore store = open(kind, false)) {
            old = get(store.store(utf8("old content")));
            get(store.checkpointPut(new Checkpoint(old, 7, 1.0)));
        }
        // a restore that failed half-way: truncated, a blob stored, no checkpoint
        try (BackingStore store = open(kind, true)) {
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.load(old))).errno());
            get(store.store(utf8("half a restore")));
        }
        assertEquals(1, kept(kind).size(), "old content kept aside");
        Path first = kept(kind).get(0);
        // truncated again (in the same second): the half restore is set aside too, the old content untouched
        try (BackingStore store = open(kind, true)) {
            assertEquals(List.of(), get(store.checkpointGet()));
        }
        List<Path> kept = kept(kind);
        assertEquals(2, kept.size(), kept.toString());
        // the administrator could move the old content back
        Path back = statedir.resolve("back");
        Files.createDirectories(back);
        copyTree(first, back.resolve(kind.equals("files") ? "content.files" : "content.sqlite"));
        try (BackingStore store = kind.equals("files")
                ? FilesStore.open(back, new FilesStore.Options(Algorithm.SHA1, true, false, 1 << 20))
                : SqliteStore.open(back, SqliteStore.Options.defaults(Algorithm.SHA1))) {
            assertArrayEquals(utf8("old content"), get(store.load(old)));
            assertEquals(7, get(store.checkpointGet()).get(0).sequence());
        }
        // here the restore succeeds instead: what this truncate set aside goes at the first checkpoint
        try (BackingStore store = open(kind, true)) {
            assertEquals(3, kept(kind).size());
            BlobRef root = get(store.store(utf8("restored root")));
            get(store.checkpointPut(new Checkpoint(root, 0, 2.0)));
            assertEquals(kept, kept(kind), "only the content this truncate set aside is deleted");
        }
        try (BackingStore store = open(kind, false)) {
            assertEquals(0, get(store.checkpointGet()).get(0).sequence());
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
