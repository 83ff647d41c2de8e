package org.fluxj.content;

import static org.fluxj.content.Blobs.get;
import static org.fluxj.content.Blobs.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.BeforeAll;

/**
 * A full disk and a read-only statedir, for real: a small tmpfs (the tests run as root, whom
 * chmod does not stop). The caller gets a clear error; nothing unstored is acknowledged; what
 * was acknowledged before is still there afterwards. Skipped where mount is not allowed. Each
 * backing store's {@code StorageFailureTest} extends this.
 */
public abstract class StorageFailureTestBase {

    @BeforeAll
    static void needsMount() {
        assumeTrue(TmpFs.available(), "mount is not allowed here");
    }

    /** Opens the store under test in {@code statedir}, with its defaults. */
    protected abstract BackingStore open(Path statedir) throws ContentException;

    /** Fills the disk; the error starts with {@code prefix} and names {@code reason}. */
    protected final void fullDisk(String prefix, String reason) throws Exception {
        try (TmpFs fs = TmpFs.mount(512 * 1024)) {
            List<BlobRef> acked = new ArrayList<>();
            ContentException failure = null;
            BackingStore store = open(fs.dir);
            for (int i = 0; failure == null; i++) {
                try {
                    acked.add(get(store.store(Blobs.random(i, 32768))));
                } catch (ContentException e) {
                    failure = e;
                }
            }
            assertEquals(Errno.ENOSPC, failure.errno(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith(prefix) && failure.getMessage().contains(reason), failure.getMessage());
            assertFalse(failure.getMessage().contains("\n"));
            assertTrue(acked.size() > 3, "some stores fit: " + acked.size());
            // a checkpoint on the full disk is stored or fails clearly (a small one may still fit)
            Checkpoint checkpoint = new Checkpoint(acked.get(0), 1, 1.0);
            boolean checkpointed = false;
            try {
                get(store.checkpointPut(checkpoint));
                checkpointed = true;
            } catch (ContentException e) {
                assertEquals(Errno.ENOSPC, e.errno(), e.getMessage());
            }
            try {
                store.close();
            } catch (ContentException e) {
                assertEquals(Errno.ENOSPC, e.errno(), e.getMessage());
            }
            fs.resize(4 << 20); // the administrator makes room
            try (BackingStore again = open(fs.dir)) {
                for (int i = 0; i < acked.size(); i++) {
                    assertArrayEquals(Blobs.random(i, 32768), get(again.load(acked.get(i))));
                }
                if (checkpointed) {
                    assertEquals(checkpoint, get(again.checkpointGet()).get(0));
                }
                get(again.store(utf8("room again")));
            }
        }
    }

    /** Makes the statedir read-only: refused, clearly, and nothing acknowledged. */
    protected final void readOnly() throws Exception {
        try (TmpFs fs = TmpFs.mount(1 << 20)) {
            BlobRef before;
            try (BackingStore store = open(fs.dir)) {
                before = get(store.store(utf8("before")));
            }
            fs.readOnly();
            ContentException failure;
            try {
                BackingStore store = open(fs.dir);
                try {
                    failure = assertThrows(ContentException.class, () -> get(store.store(utf8("after"))));
                } finally {
                    try {
                        store.close();
                    } catch (ContentException ignored) {
                        // closing a read-only database may fail too
                    }
                }
            } catch (ContentException e) {
                failure = e; // refused at open: also clear, also nothing acknowledged
            }
            String m = failure.getMessage().toLowerCase();
            assertTrue(m.contains("read-only") || m.contains("readonly"), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("content-"), failure.getMessage());
            assertTrue(List.of(Errno.EROFS, Errno.EPERM, Errno.EIO).contains(failure.errno()), failure.errno() + " " + failure.getMessage());
            fs.readWrite();
            try (BackingStore store = open(fs.dir)) {
                assertArrayEquals(utf8("before"), get(store.load(before)));
                assertEquals(Errno.ENOENT, assertThrows(ContentException.class,
                        () -> get(store.load(BlobRef.hash(Algorithm.SHA1, utf8("after"))))).errno());
            }
        }
    }
}
