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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;

/** The grouping itself, on an in-memory store whose commits the test holds and fails at will. */
class GroupCommitTest {

    /** Commits into memory; the first commit waits for {@code release}; commits fail while {@code failing}. */
    static final class GatedStore extends MemoryStore {
        final CountDownLatch firstCommitStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> groupSizes = new ArrayList<>();
        volatile ContentException failing;

        GatedStore() {
            super("gated", Algorithm.SHA1, new MemoryStore.Content());
        }

        @Override
        protected void commit(List<Write> writes) throws ContentException {
            if (firstCommitStarted.getCount() > 0) {
                firstCommitStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            if (failing != null) {
                throw failing;
            }
            groupSizes.add(writes.size());
            // every blob stored before a checkpoint is in the same or an earlier group
            super.commit(writes);
        }
    }

    @Test
    void requestsMadeDuringACommitFormTheNextGroup() throws Exception {
        try (GatedStore store = new GatedStore()) {
            CompletableFuture<BlobRef> first = store.store(utf8("first"));
            store.firstCommitStarted.await();
            List<CompletableFuture<BlobRef>> waiting = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiting.add(store.store(utf8("blob " + i)));
            }
            CompletableFuture<Void> checkpoint = store.checkpointPut(new Checkpoint(BlobRef.hash(Algorithm.SHA1, utf8("r")), 1, 0));
            CompletableFuture<byte[]> load = store.load(BlobRef.hash(Algorithm.SHA1, utf8("blob 99")));
            // nothing is acknowledged before its group is committed
            assertFalse(first.isDone());
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));
            store.release.countDown();
            for (int i = 0; i < 100; i++) {
                assertEquals(BlobRef.hash(Algorithm.SHA1, utf8("blob " + i)), get(waiting.get(i)));
            }
            get(checkpoint);
            // a load queued with the writes runs after they are committed
            assertArrayEquals(utf8("blob 99"), get(load));
            get(first);
            assertEquals(List.of(1, 101), store.groupSizes);
            assertEquals(2, store.groupStats()[0]);
            assertEquals(102, store.groupStats()[1]);
        }
    }

    @Test
    void aFailedCommitFailsEveryRequestOfItsGroupAndNothingElse() throws Exception {
        try (GatedStore store = new GatedStore()) {
            CompletableFuture<BlobRef> first = store.store(utf8("first"));
            store.firstCommitStarted.await();
            ContentException full = new ContentException(Errno.ENOSPC, "gated: store: database or disk is full");
            store.failing = full;
            List<CompletableFuture<BlobRef>> doomed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                doomed.add(store.store(utf8("doomed " + i)));
            }
            CompletableFuture<Void> checkpoint = store.checkpointPut(new Checkpoint(BlobRef.hash(Algorithm.SHA1, utf8("r")), 1, 0));
            store.release.countDown();
            assertSame(full, assertThrows(ContentException.class, () -> get(first)));
            for (CompletableFuture<BlobRef> f : doomed) {
                assertSame(full, assertThrows(ContentException.class, () -> get(f)));
            }
            // refused before its group's commit: the failed first group ended in a store
            assertEquals(Errno.ENOSPC, assertThrows(ContentException.class, () -> get(checkpoint)).errno());
            store.failing = null;
            BlobRef ok = get(store.store(utf8("after the disk was freed")));
            assertArrayEquals(utf8("after the disk was freed"), get(store.load(ok)));
            assertEquals(Errno.ENOENT, assertThrows(ContentException.class,
                    () -> get(store.load(BlobRef.hash(Algorithm.SHA1, utf8("doomed 0"))))).errno());
            assertEquals(List.of(), get(store.checkpointGet()));
        }
    }

    /**
     * A root's blobs and its checkpoint may be sent without waiting in between: if the blobs'
     * group fails and the checkpoint lands in the next one, the checkpoint must not be written.
     */
    @Test
    void aCheckpointAfterStoresThatFailedIsRefusedOnce() throws Exception {
        try (GatedStore store = new GatedStore()) {
            CompletableFuture<BlobRef> first = store.store(utf8("first"));
            store.firstCommitStarted.await();
            ContentException full = new ContentException(Errno.ENOSPC, "gated: store: database or disk is full");
            store.failing = full;
            store.release.countDown();
            assertSame(full, assertThrows(ContentException.class, () -> get(first)));
            store.failing = null;
            BlobRef root = BlobRef.hash(Algorithm.SHA1, utf8("first"));
            ContentException refused = assertThrows(ContentException.class,
                    () -> get(store.checkpointPut(new Checkpoint(root, 1, 0))));
            assertEquals(Errno.ENOSPC, refused.errno());
            assertTrue(refused.getMessage().contains("a store before it failed"), refused.getMessage());
            assertEquals(List.of(), get(store.checkpointGet()));
            // the blobs sent again, then the checkpoint: both committed
            get(store.store(utf8("first")));
            get(store.checkpointPut(new Checkpoint(root, 1, 0)));
            assertEquals(1, get(store.checkpointGet()).size());
        }
    }

    /**
     * The refused checkpoint accounts for the stores before it in its group: if they fail too,
     * the next root's checkpoint (after the disk was freed) is not refused again.
     */
    @Test
    void aRefusedCheckpointClearsTheLossBeforeIt() throws Exception {
        try (GatedStore store = new GatedStore()) {
            CompletableFuture<BlobRef> first = store.store(utf8("first"));
            store.firstCommitStarted.await();
            ContentException full = new ContentException(Errno.ENOSPC, "gated: store: database or disk is full");
            store.failing = full;
            // queued behind the first group: the rest of the root's blobs, then its checkpoint
            CompletableFuture<BlobRef> rest = store.store(utf8("rest"));
            CompletableFuture<Void> checkpoint = store.checkpointPut(new Checkpoint(BlobRef.hash(Algorithm.SHA1, utf8("rest")), 1, 0));
            store.release.countDown();
            assertSame(full, assertThrows(ContentException.class, () -> get(first)));
            assertSame(full, assertThrows(ContentException.class, () -> get(rest)));
            assertEquals(Errno.ENOSPC, assertThrows(ContentException.class, () -> get(checkpoint)).errno());
            store.failing = null;
            BlobRef root = get(store.store(utf8("after the disk was freed")));
            get(store.checkpointPut(new Checkpoint(root, 2, 0)));
            assertEquals(root, get(store.checkpointGet()).get(0).rootref());
        }
    }

    @Test
    void closeFinishesQueuedRequestsFirst() throws Exception {
        GatedStore store = new GatedStore();
        CompletableFuture<BlobRef> first = store.store(utf8("first"));
        store.firstCommitStarted.await();
        CompletableFuture<BlobRef> queued = store.store(utf8("queued"));
        Thread closer = new Thread(() -> {
            try {
                store.close();
            } catch (ContentException e) {
                throw new AssertionError(e);
            }
        });
        closer.start();
        store.release.countDown();
        closer.join();
        get(first);
        get(queued);
        assertEquals(Errno.ENOSYS, assertThrows(ContentException.class, () -> get(store.store(utf8("late")))).errno());
    }
}
