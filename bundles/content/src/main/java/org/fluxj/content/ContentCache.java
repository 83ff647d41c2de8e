package org.fluxj.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.Rpc;

/**
 * The content cache every rank keeps (RFC 10): blobs by blobref, least recently used dropped
 * first once the cached bytes pass a limit. A miss is loaded from upstream (the parent broker,
 * or on rank 0 the backing store) once, however many ask for it meanwhile; what comes back is
 * checked against its blobref.
 *
 * <p>Stores are written through: a blob is cached at once (so loads find it) and dirty, and its
 * future completes only when upstream has acknowledged it -- on rank 0 that is the backing
 * store's durable commit. Dirty entries are never dropped. A store upstream refused is removed
 * again and its caller gets the error.
 *
 * <p>Safe for use from several threads; futures are completed outside the cache's lock.
 */
public final class ContentCache {

    /** Counters, as {@code content.stats-get} reports them. */
    public record Stats(int count, long bytes, int dirty, long hits, long misses, long evictions) {
    }

    private static final class Entry {
        final byte[] data;
        CompletableFuture<BlobRef> storing; // non-null while dirty

        Entry(byte[] data) {
            this.data = data;
        }
    }

    private final BlobRef.Algorithm algorithm;
    private final long capacity;
    private final Function<BlobRef, ? extends CompletionStage<byte[]>> loader;
    private final Function<byte[], ? extends CompletionStage<BlobRef>> storer;
    private final LinkedHashMap<BlobRef, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<BlobRef, CompletableFuture<byte[]>> loading = new HashMap<>();
    private long bytes;
    private int dirty;
    private long hits;
    private long misses;
    private long evictions;

    /**
     * @param algorithm the instance's hash algorithm
     * @param capacity the bytes of clean blobs to keep
     * @param loader fetches a blob from upstream (fails with ENOENT if unknown there)
     * @param storer stores a blob upstream, completing when it is stored there
     */
    public ContentCache(BlobRef.Algorithm algorithm, long capacity,
            Function<BlobRef, ? extends CompletionStage<byte[]>> loader,
            Function<byte[], ? extends CompletionStage<BlobRef>> storer) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (capacity < 0) {
            throw new IllegalArgumentException("negative cache capacity");
        }
        this.capacity = capacity;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.storer = Objects.requireNonNull(storer, "storer");
    }

    public BlobRef.Algorithm algorithm() {
        return algorithm;
    }

    /** The blob, from the cache or from upstream. Callers must not modify the array. */
    public CompletableFuture<byte[]> load(BlobRef ref) {
        if (ref == null || ref.algorithm() != algorithm) {
            return CompletableFuture.failedFuture(new ContentException(Errno.EPROTO,
                    "content: load: " + ref + " is not a " + algorithm.fluxName() + " blobref"));
        }
        CompletableFuture<byte[]> pending;
        synchronized (this) {
            Entry e = entries.get(ref);
            if (e != null) {
                hits++;
                return CompletableFuture.completedFuture(e.data);
            }
            pending = loading.get(ref);
            if (pending != null) {
                return pending.thenApply(Function.identity());
            }
            misses++;
            pending = new CompletableFuture<>();
            loading.put(ref, pending);
        }
        CompletableFuture<byte[]> result = pending;
        CompletionStage<byte[]> upstream;
        try {
            upstream = loader.apply(ref);
        } catch (RuntimeException ex) {
            upstream = CompletableFuture.failedFuture(ex);
        }
        upstream.whenComplete((data, failure) -> loaded(ref, result, data, failure));
        return result.thenApply(Function.identity());
    }

    private void loaded(BlobRef ref, CompletableFuture<byte[]> result, byte[] data, Throwable failure) {
        Throwable error = failure == null ? null : Rpc.cause(failure);
        if (error == null && (data == null || !ref.matches(data))) {
            error = new ContentException(Errno.EIO, "content: load: " + ref + ": upstream returned data that does not match its hash");
        }
        synchronized (this) {
            loading.remove(ref);
            if (error == null && !entries.containsKey(ref)) {
                entries.put(ref, new Entry(data));
                bytes += data.length;
                evict();
            }
        }
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(data);
        }
    }

    /** Caches a blob and stores it upstream; completes with its blobref once upstream has it. */
    public CompletableFuture<BlobRef> store(byte[] blob) {
        if (blob == null) {
            return CompletableFuture.failedFuture(new ContentException(Errno.EINVAL, "content: store: no blob"));
        }
        BlobRef ref = BlobRef.hash(algorithm, blob);
        Entry entry;
        synchronized (this) {
            Entry e = entries.get(ref);
            if (e != null) {
                return e.storing != null ? e.storing.thenApply(Function.identity()) : CompletableFuture.completedFuture(ref);
            }
            entry = new Entry(blob);
            entry.storing = new CompletableFuture<>();
            entries.put(ref, entry);
            bytes += blob.length;
            dirty++;
        }
        CompletableFuture<BlobRef> result = entry.storing; // an upstream that answers at once clears it
        CompletionStage<BlobRef> upstream;
        try {
            upstream = storer.apply(blob);
        } catch (RuntimeException ex) {
            upstream = CompletableFuture.failedFuture(ex);
        }
        upstream.whenComplete((stored, failure) -> stored(ref, entry, stored, failure));
        return result.thenApply(Function.identity());
    }

    private void stored(BlobRef ref, Entry entry, BlobRef stored, Throwable failure) {
        Throwable error = failure == null ? null : Rpc.cause(failure);
        if (error == null && !ref.equals(stored)) {
            error = new ContentException(Errno.EPROTO, "content: store: upstream stored " + ref + " as " + stored);
        }
        CompletableFuture<BlobRef> done;
        synchronized (this) {
            done = entry.storing;
            entry.storing = null;
            dirty--;
            if (error != null && entries.get(ref) == entry) {
                entries.remove(ref); // not stored: nothing may find it
                bytes -= entry.data.length;
            }
            evict();
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(ref);
        }
    }

    /** Completes when every store made so far has been acknowledged upstream (RFC 10 flush). */
    public CompletableFuture<Void> flush() {
        List<CompletableFuture<BlobRef>> inFlight = new ArrayList<>();
        synchronized (this) {
            for (Entry e : entries.values()) {
                if (e.storing != null) {
                    inFlight.add(e.storing);
                }
            }
        }
        return CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0]));
    }

    /** Drops every clean entry (RFC 10 dropcache). */
    public synchronized void dropCache() {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.storing == null) {
                bytes -= e.data.length;
                evictions++;
                it.remove();
            }
        }
    }

    public synchronized Stats stats() {
        return new Stats(entries.size(), bytes, dirty, hits, misses, evictions);
    }

    /** Whether the blob is cached now (without counting a hit or touching its age). */
    public synchronized boolean contains(BlobRef ref) {
        return entries.containsKey(ref);
    }

    private void evict() {
        if (bytes <= capacity) {
            return;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && bytes > capacity;) {
            Entry e = it.next(); // eldest first
            if (e.storing == null) {
                bytes -= e.data.length;
                evictions++;
                it.remove();
            }
        }
    }

}
