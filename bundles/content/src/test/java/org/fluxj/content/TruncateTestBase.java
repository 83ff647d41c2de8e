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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code truncate} (what rc1 loads the backing module with to restore a dump): the store starts
 * empty, and the old content is kept aside until the new content's first checkpoint; nothing set
 * aside before is touched. Each backing store's {@code TruncateTest} extends this.
 */
public abstract class TruncateTestBase {
    @TempDir
    Path statedir;

    /** Opens the store under test in {@code dir}, with {@code truncate} or not. */
    protected abstract BackingStore open(Path dir, boolean truncate) throws ContentException;

    /** The store's file or directory in the statedir ({@code content.sqlite}). */
    protected abstract String file();

    /** What truncates set aside (the main file or directory only, not a -wal). */
    private List<Path> kept() throws java.io.IOException {
        String prefix = file() + ".";
        try (var files = Files.list(statedir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".old"))
                    .sorted().toList();
        }
    }

    @Test
    void oldContentIsKeptUntilTheFirstCheckpoint() throws Exception {
        BlobRef old;
        try (BackingStore store = open(statedir, false)) {
            old = get(store.store(utf8("old content")));
            get(store.checkpointPut(new Checkpoint(old, 7, 1.0)));
        }
        // a restore that failed half-way: truncated, a blob stored, no checkpoint
        try (BackingStore store = open(statedir, true)) {
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class, () -> get(store.load(old))).errno());
            get(store.store(utf8("half a restore")));
        }
        assertEquals(1, kept().size(), "old content kept aside");
        Path first = kept().get(0);
        // truncated again (in the same second): the half restore is set aside too, the old content untouched
        try (BackingStore store = open(statedir, true)) {
            assertEquals(List.of(), get(store.checkpointGet()));
        }
        List<Path> kept = kept();
        assertEquals(2, kept.size(), kept.toString());
        // the administrator could move the old content back
        Path back = statedir.resolve("back");
        Files.createDirectories(back);
        copyTree(first, back.resolve(file()));
        try (BackingStore store = open(back, false)) {
            assertArrayEquals(utf8("old content"), get(store.load(old)));
            assertEquals(7, get(store.checkpointGet()).get(0).sequence());
        }
        // here the restore succeeds instead: what this truncate set aside goes at the first checkpoint
        try (BackingStore store = open(statedir, true)) {
            assertEquals(3, kept().size());
            BlobRef root = get(store.store(utf8("restored root")));
            get(store.checkpointPut(new Checkpoint(root, 0, 2.0)));
            assertEquals(kept, kept(), "only the content this truncate set aside is deleted");
        }
        try (BackingStore store = open(statedir, false)) {
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
