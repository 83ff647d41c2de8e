package org.fluxj.kvs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;

/**
 * The KVS module's cache of content blobs (flux-core's kvs cache): tree objects and value blobs
 * by blobref, the least recently used dropped once the bytes cached pass a limit. Misses are
 * loaded from the content service once however many wait for them, and checked against their
 * blobref. Used on the module's thread only.
 */
final class ObjectCache {
    private static final class Entry {
        final byte[] data;
        TreeObj object; // parsed on first use

        Entry(byte[] data, TreeObj object) {
            this.data = data;
            this.object = object;
        }
    }

    private final LinkedHashMap<BlobRef, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<BlobRef, CompletableFuture<Void>> loading = new HashMap<>();
    private final Function<BlobRef, CompletionStage<byte[]>> loader;
    private final long capacity;
    private long bytes;
    private long faults;

    ObjectCache(long capacity, Function<BlobRef, CompletionStage<byte[]>> loader) {
        this.capacity = capacity;
        this.loader = loader;
    }

    /** The directory {@code ref} names; ENOTRECOVERABLE if the blob is not one. */
    TreeObj.Dir dir(BlobRef ref) throws Missing, RequestException {
        TreeObj o = object(ref);
        if (o instanceof TreeObj.Dir d) {
            return d;
        }
        throw new RequestException(Errno.ENOTRECOVERABLE, "kvs: " + ref + " is a " + o.type() + ", not a dir");
    }

    /** The tree object {@code ref} names. */
    TreeObj object(BlobRef ref) throws Missing, RequestException {
        Entry e = entries.get(ref);
        if (e == null) {
            throw new Missing(Set.of(ref));
        }
        if (e.object == null) {
            try {
                e.object = TreeObj.decode(e.data);
            } catch (FormatException x) {
                throw new RequestException(Errno.ENOTRECOVERABLE, "kvs: " + ref + ": not a tree object: " + x.getMessage());
            }
        }
        return e.object;
    }

    /** The blob {@code ref} names, or null if it is not cached. */
    byte[] blob(BlobRef ref) {
        Entry e = entries.get(ref);
        return e == null ? null : e.data;
    }

    /** Caches a blob known to hash to {@code ref} (one this module made). */
    void put(BlobRef ref, byte[] data, TreeObj object) {
        if (!entries.containsKey(ref)) {
            entries.put(ref, new Entry(data, object));
            bytes += data.length;
            evict();
        }
    }

    /** Loads the blobs not cached yet; completes when all are, or fails with the first error. */
    CompletableFuture<Void> load(Set<BlobRef> refs) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (BlobRef ref : refs) {
            if (entries.containsKey(ref)) {
                continue;
            }
            CompletableFuture<Void> f = loading.get(ref);
            if (f == null) {
                faults++;
                CompletableFuture<Void> nf = new CompletableFuture<>();
                loading.put(ref, nf);
                f = nf;
                loader.apply(ref).whenComplete((data, failure) -> {
                    loading.remove(ref);
                    if (failure != null) {
                        nf.completeExceptionally(failure);
                    } else if (data == null || !ref.matches(data)) {
                        nf.completeExceptionally(new RequestException(Errno.EIO,
                                "kvs: content for " + ref + " does not match its hash"));
                    } else {
                        put(ref, data, null);
                        nf.complete(null);
                    }
                });
            }
            waits.add(f);
        }
        return CompletableFuture.allOf(waits.toArray(new CompletableFuture<?>[0]));
    }

    /** Drops every entry (kvs.dropcache); loads in flight still complete. */
    void clear() {
        entries.clear();
        bytes = 0;
    }

    int count() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    long faults() {
        return faults;
    }

    /** Sizes of the entries in bytes, for kvs.stats-get. */
    List<Integer> sizes() {
        List<Integer> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(e.data.length);
        }
        return out;
    }

    private void evict() {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && bytes > capacity;) {
            Entry e = it.next();
            if (entries.size() <= 1) {
                return;
            }
            bytes -= e.data.length;
            it.remove();
        }
    }
}
