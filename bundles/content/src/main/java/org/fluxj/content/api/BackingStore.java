package org.fluxj.content.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * Durable storage for content blobs and KVS root checkpoints: what flux-core's
 * {@code content-backing.*} services provide (content-sqlite, content-files).
 *
 * <p>Every method may be called from any thread and returns at once. A future fails with a
 * {@link ContentException} whose errno is what flux-core's backing module answers (ENOENT for
 * unknown content, ENOSPC for a full disk, EFBIG for a blob over the limit, ...). Requests are
 * carried out in the order they were made: a checkpoint put after some stores is committed with
 * or after them, never before.
 */
public interface BackingStore extends AutoCloseable {

    /** The hash algorithm of this store's blobrefs ({@code content.hash}). */
    BlobRef.Algorithm algorithm();

    /**
     * Stores a blob; completes with its blobref once the blob is on stable storage. Storing a
     * blob that is already stored succeeds.
     */
    CompletableFuture<BlobRef> store(byte[] blob);

    /** Loads a blob; fails with ENOENT if it is not stored. */
    CompletableFuture<byte[]> load(BlobRef ref);

    /** Completes if the blob is stored; fails with ENOENT if not (RFC 10 validate). */
    CompletableFuture<Void> validate(BlobRef ref);

    /** Records a KVS root checkpoint; completes once it is on stable storage. */
    CompletableFuture<Void> checkpointPut(Checkpoint checkpoint);

    /** The checkpoints kept, newest first; an empty list if there are none. */
    CompletableFuture<List<Checkpoint>> checkpointGet();

    /**
     * Finishes every request made before, then closes the store. Requests made after close fail
     * with ENOSYS. Closing twice is harmless.
     */
    @Override
    void close() throws ContentException;
}
