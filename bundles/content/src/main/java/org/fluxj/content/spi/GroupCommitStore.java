package org.fluxj.content.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * A backing store whose requests are carried out, in order, by one writer thread that commits
 * writes in groups: whatever stores and checkpoint puts queued up while the previous group was
 * being made durable are written and made durable together (one transaction, one sync), and
 * only then are their futures completed. No timer is involved: a lone request is committed at
 * once, and batches grow only as the storage is slower than the callers.
 *
 * <p>Reads in a group run after the group's writes are committed, so they see every write made
 * before them.
 *
 * <p>A checkpoint put is committed only if every store queued before it is: since requests are
 * carried out in order, a caller may send a root's blobs and its checkpoint without waiting in
 * between (one group, one sync). So that a failed group's blobs are never named by a later
 * checkpoint, the first checkpoint put carried out after a failed group that ended in stores is
 * refused (with that group's error) without being written.
 *
 * <p>A store opened with {@code truncate} sets the old content aside ({@link #setAside}) rather
 * than deleting it, and deletes it once the new content has its first checkpoint: a restore that
 * fails half-way leaves the old content there to go back to.
 */
public abstract class GroupCommitStore implements BackingStore {

    /** A write of a group: a blob or a checkpoint. */
    public sealed interface Write permits StoreWrite, CheckpointWrite {
    }

    public record StoreWrite(BlobRef ref, byte[] blob) implements Write {
    }

    public record CheckpointWrite(Checkpoint checkpoint) implements Write {
    }

    private sealed interface Op permits StoreOp, CheckpointPutOp, LoadOp, ValidateOp, CheckpointGetOp, CloseOp {
    }

    private record StoreOp(StoreWrite write, CompletableFuture<BlobRef> done) implements Op {
    }

    private record CheckpointPutOp(CheckpointWrite write, CompletableFuture<Void> done) implements Op {
    }

    private record LoadOp(BlobRef ref, CompletableFuture<byte[]> done) implements Op {
    }

    private record ValidateOp(BlobRef ref, CompletableFuture<Void> done) implements Op {
    }

    private record CheckpointGetOp(CompletableFuture<List<Checkpoint>> done) implements Op {
    }

    private record CloseOp(CompletableFuture<Void> done) implements Op {
    }

    /** Limits on one group. */
    public record Limits(int maxOps, long maxBytes, long maxBlob) {
    }

    private final String name;
    private final BlobRef.Algorithm algorithm;
    private final Limits limits;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private long groups;
    private long groupedWrites;
    private ContentException storesLost; // writer thread only: why a failed group's stores precede the next checkpoint
    private List<Path> setAside = List.of(); // writer thread once started: old content, deleted at the first checkpoint

    protected GroupCommitStore(String name, BlobRef.Algorithm algorithm, Limits limits) {
        this.name = name;
        this.algorithm = algorithm;
        this.limits = limits;
        this.writer = new Thread(this::run, name + "-writer");
        this.writer.setDaemon(true);
    }

    /** Starts the writer; called by a subclass once its storage is open. */
    protected final void start() {
        writer.start();
    }

    /**
     * For {@code truncate}: moves each of {@code paths} (files or directories) that exists aside,
     * to its name with a time stamp and {@code .old} ({@code content.sqlite} to
     * {@code content.sqlite.20261121T140000.old}, its {@code -wal} to that name's {@code -wal}),
     * to be deleted once this store commits its first checkpoint; until then the old content can
     * be moved back. Nothing already set aside is touched.
     */
    protected static List<Path> setAside(List<Path> paths) throws IOException {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
        String stamp = time;
        for (int n = 2; taken(paths, stamp); n++) {
            stamp = time + "-" + n;
        }
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, aside(p, stamp), StandardCopyOption.ATOMIC_MOVE);
                out.add(aside(p, stamp));
            }
        }
        return out;
    }

    private static boolean taken(List<Path> paths, String stamp) {
        return paths.stream().anyMatch(p -> Files.exists(aside(p, stamp), LinkOption.NOFOLLOW_LINKS));
    }

    private static Path aside(Path p, String stamp) {
        String name = p.getFileName().toString();
        int dash = name.lastIndexOf('-');
        boolean suffix = dash > 0 && name.lastIndexOf('.') < dash;
        String base = suffix ? name.substring(0, dash) : name;
        return p.resolveSibling(base + "." + stamp + ".old" + (suffix ? name.substring(dash) : ""));
    }

    /** The old content {@link #setAside} moved, deleted after this store's first checkpoint. */
    protected final void keepUntilCheckpoint(List<Path> paths) {
        setAside = List.copyOf(paths);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }

    // ---------------------------------------------------------------- what a store implements

    /** Writes every item of a group and makes them durable together, or none of them. */
    protected abstract void commit(List<Write> writes) throws ContentException;

    /** The blob, or ENOENT. */
    protected abstract byte[] read(BlobRef ref) throws ContentException;

    /** Whether the blob is stored. */
    protected abstract boolean contains(BlobRef ref) throws ContentException;

    /** The checkpoints, newest first. */
    protected abstract List<Checkpoint> readCheckpoints() throws ContentException;

    /** Releases the storage; called on the writer thread after the last group. */
    protected abstract void shutdown() throws ContentException;

    // ---------------------------------------------------------------- the BackingStore contract

    @Override
    public final BlobRef.Algorithm algorithm() {
        return algorithm;
    }

    /** The store's name, which prefixes its error messages ({@code content-sqlite}). */
    public final String name() {
        return name;
    }

    @Override
    public final CompletableFuture<BlobRef> store(byte[] blob) {
        CompletableFuture<BlobRef> done = new CompletableFuture<>();
        if (blob == null) {
            done.completeExceptionally(new ContentException(Errno.EINVAL, name + ": store: no blob"));
            return done;
        }
        if (blob.length > limits.maxBlob) {
            done.completeExceptionally(new ContentException(Errno.EFBIG,
                    name + ": store: blob of " + blob.length + " bytes exceeds the limit of " + limits.maxBlob));
            return done;
        }
        // hash on the caller's thread: callers hash in parallel, the writer only writes
        BlobRef ref = BlobRef.hash(algorithm, blob);
        return submit(new StoreOp(new StoreWrite(ref, blob), done), done);
    }

    @Override
    public final CompletableFuture<byte[]> load(BlobRef ref) {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        if (!checkRef(ref, "load", done)) {
            return done;
        }
        return submit(new LoadOp(ref, done), done);
    }

    @Override
    public final CompletableFuture<Void> validate(BlobRef ref) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!checkRef(ref, "validate", done)) {
            return done;
        }
        return submit(new ValidateOp(ref, done), done);
    }

    @Override
    public final CompletableFuture<Void> checkpointPut(Checkpoint checkpoint) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (checkpoint == null) {
            done.completeExceptionally(new ContentException(Errno.EINVAL, name + ": checkpoint-put: no checkpoint"));
            return done;
        }
        return submit(new CheckpointPutOp(new CheckpointWrite(checkpoint), done), done);
    }

    @Override
    public final CompletableFuture<List<Checkpoint>> checkpointGet() {
        CompletableFuture<List<Checkpoint>> done = new CompletableFuture<>();
        return submit(new CheckpointGetOp(done), done);
    }

    @Override
    public final void close() throws ContentException {
        synchronized (this) {
            if (!closed) {
                closed = true;
                queue.add(new CloseOp(closeDone));
            }
        }
        try {
            closeDone.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ContentException ce) {
                throw ce;
            }
            throw new ContentException(Errno.EIO, name + ": close: " + e.getCause(), e.getCause());
        }
    }

    /** How many groups were committed, and how many writes they held (for stats and tests). */
    public final synchronized long[] groupStats() {
        return new long[] {groups, groupedWrites};
    }

    private boolean checkRef(BlobRef ref, String op, CompletableFuture<?> done) {
        if (ref == null) {
            done.completeExceptionally(new ContentException(Errno.EINVAL, name + ": " + op + ": no blobref"));
            return false;
        }
        if (ref.algorithm() != algorithm) {
            // flux-core answers EPROTO to a digest of the wrong size
            done.completeExceptionally(new ContentException(Errno.EPROTO,
                    name + ": " + op + ": " + ref + " is not a " + algorithm.fluxName() + " blobref"));
            return false;
        }
        return true;
    }

    private <T> CompletableFuture<T> submit(Op op, CompletableFuture<T> done) {
        synchronized (this) {
            if (!closed) {
                queue.add(op);
                return done;
            }
        }
        done.completeExceptionally(closedError());
        return done;
    }

    private ContentException closedError() {
        return new ContentException(Errno.ENOSYS, name + ": the store is closed");
    }

    // ---------------------------------------------------------------- the writer thread

    private void run() {
        List<Op> group = new ArrayList<>();
        CloseOp close = null;
        while (close == null) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer
            }
            long bytes = 0;
            Op next;
            while (group.size() < limits.maxOps && bytes < limits.maxBytes && (next = queue.poll()) != null) {
                group.add(next);
                if (next instanceof StoreOp s) {
                    bytes += s.write.blob().length;
                }
            }
            close = process(group);
            group.clear();
        }
        ContentException failure = null;
        try {
            shutdown();
        } catch (ContentException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new ContentException(Errno.EIO, name + ": close: " + e, e);
        }
        // requests that raced with close()
        for (Op op; (op = queue.poll()) != null;) {
            fail(op, closedError());
        }
        if (failure != null) {
            close.done.completeExceptionally(failure);
        } else {
            close.done.complete(null);
        }
    }

    /** Commits the group's writes, then answers its reads; returns the close request if any. */
    private CloseOp process(List<Op> group) {
        List<Write> writes = new ArrayList<>();
        CheckpointPutOp refused = null;
        for (Op op : group) {
            if (op instanceof StoreOp s) {
                writes.add(s.write);
            } else if (op instanceof CheckpointPutOp c) {
                if (storesLost != null) {
                    refused = c;
                    c.done.completeExceptionally(new ContentException(storesLost.errno(),
                            name + ": checkpoint-put: a store before it failed: " + storesLost.getMessage()));
                    storesLost = null;
                } else {
                    writes.add(c.write);
                }
            }
        }
        ContentException writeFailure = null;
        if (!writes.isEmpty()) {
            try {
                commit(writes);
                synchronized (this) {
                    groups++;
                    groupedWrites += writes.size();
                }
                if (!setAside.isEmpty() && writes.stream().anyMatch(w -> w instanceof CheckpointWrite)) {
                    deleteSetAside();
                }
            } catch (ContentException e) {
                writeFailure = e;
            } catch (RuntimeException e) {
                writeFailure = new ContentException(Errno.EIO, name + ": commit: " + e, e);
            }
            // lost stores that no checkpoint of this group (written or refused) came after
            if (writeFailure != null && storedAfter(group, lastCheckpoint(group))) {
                storesLost = writeFailure;
            }
        }
        CloseOp close = null;
        for (Op op : group) {
            if (op instanceof StoreOp s) {
                if (writeFailure != null) {
                    s.done.completeExceptionally(writeFailure);
                } else {
                    s.done.complete(s.write.ref());
                }
            } else if (op instanceof CheckpointPutOp c) {
                if (c == refused) {
                    continue;
                }
                if (writeFailure != null) {
                    c.done.completeExceptionally(writeFailure);
                } else {
                    c.done.complete(null);
                }
            } else if (op instanceof LoadOp l) {
                answer(l.done, () -> read(l.ref));
            } else if (op instanceof ValidateOp v) {
                answer(v.done, () -> {
                    if (!contains(v.ref)) {
                        throw new ContentException(Errno.ENOENT, name + ": validate: " + v.ref + ": not stored");
                    }
                    return null;
                });
            } else if (op instanceof CheckpointGetOp g) {
                answer(g.done, this::readCheckpoints);
            } else if (op instanceof CloseOp c) {
                close = c;
            }
        }
        return close;
    }

    private static Op lastCheckpoint(List<Op> group) {
        Op last = null;
        for (Op op : group) {
            if (op instanceof CheckpointPutOp) {
                last = op;
            }
        }
        return last;
    }

    /** Whether a store comes after {@code checkpoint} in the group (after its start if null). */
    private static boolean storedAfter(List<Op> group, Op checkpoint) {
        int from = checkpoint == null ? 0 : group.indexOf(checkpoint) + 1;
        return group.subList(from, group.size()).stream().anyMatch(op -> op instanceof StoreOp);
    }

    private void deleteSetAside() {
        for (Path p : setAside) {
            try {
                deleteTree(p);
            } catch (IOException e) {
                // left for the administrator: the new content is complete without it
            }
        }
        setAside = List.of();
    }

    private interface Read<T> {
        T get() throws ContentException;
    }

    private <T> void answer(CompletableFuture<T> done, Read<T> read) {
        try {
            done.complete(read.get());
        } catch (ContentException e) {
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            done.completeExceptionally(new ContentException(Errno.EIO, name + ": " + e, e));
        }
    }

    private static void fail(Op op, ContentException e) {
        if (op instanceof StoreOp s) {
            s.done.completeExceptionally(e);
        } else if (op instanceof CheckpointPutOp c) {
            c.done.completeExceptionally(e);
        } else if (op instanceof LoadOp l) {
            l.done.completeExceptionally(e);
        } else if (op instanceof ValidateOp v) {
            v.done.completeExceptionally(e);
        } else if (op instanceof CheckpointGetOp g) {
            g.done.completeExceptionally(e);
        } else if (op instanceof CloseOp c) {
            c.done.complete(null);
        }
    }
}
