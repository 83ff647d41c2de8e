package org.fluxj.kvs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Severity;

/**
 * The commit pipeline (flux-core's kvstxn and the kvs module's transaction handling): commits to
 * a namespace are applied in batches; while one batch is being made durable, the commits that
 * arrive queue up and form the next. A batch's new objects are stored and, for the primary
 * namespace, the new root checkpointed -- sent together: the backing store carries them out in
 * order and refuses a checkpoint that follows a lost store -- and only once both are answered is
 * the root published ({@code kvs.namespace-NS-setroot}) and every commit of the batch answered.
 * Without durable commits the root is published at once, as flux-core does.
 */
final class CommitPipeline {
    static final int MAX_BATCH = 4096;

    private final ModuleContext ctx;
    private final ObjectCache cache;
    private final BlobRef.Algorithm algorithm;
    private final ContentClient content;
    private final Replay replay;
    private final BooleanSupplier durable;
    private final LongSupplier gcThreshold;
    private long checkpointedSeq = -1;
    private CompletableFuture<Void> checkpointing;
    private long commitOps;
    private long commits;

    CommitPipeline(ModuleContext ctx, ObjectCache cache, BlobRef.Algorithm algorithm, ContentClient content,
            BooleanSupplier durable, LongSupplier gcThreshold) {
        this.ctx = ctx;
        this.cache = cache;
        this.algorithm = algorithm;
        this.content = content;
        this.replay = new Replay(cache);
        this.durable = durable;
        this.gcThreshold = gcThreshold;
    }

    /** The root sequence restored from a checkpoint is checkpointed already. */
    void checkpointed(long seq) {
        checkpointedSeq = seq;
    }

    /** Commits queued so far, and their operations (kvs.stats-get). */
    long commits() {
        return commits;
    }

    long commitOps() {
        return commitOps;
    }

    /** Queues a commit (or a complete fence) behind the namespace's others and starts a batch if none is in flight. */
    void enqueue(Namespace n, Namespace.Commit c) {
        commits++;
        commitOps += c.ops.size();
        n.queue.add(c);
        kick(n);
    }
    /** What a batch of commits made. */
    private record Plan(BlobRef ref, List<byte[]> blobs, List<Namespace.Commit> ok,
            Map<Namespace.Commit, Throwable> failed, Set<String> keys) {
    }

    /** Starts the next batch of a namespace's commits unless one is in flight. */
    private void kick(Namespace n) {
        if (n.busy || n.queue.isEmpty() || n.removed) {
            return;
        }
        n.busy = true;
        List<Namespace.Commit> batch = new ArrayList<>();
        Namespace.Commit first = n.queue.poll();
        batch.add(first);
        if (first.mergeable()) {
            while (!n.queue.isEmpty() && n.queue.peek().mergeable() && batch.size() < MAX_BATCH) {
                batch.add(n.queue.poll());
            }
        }
        replay.run(() -> plan(n, batch), (plan, e) -> guarded(n, batch, () -> {
            if (e != null) {
                batch.forEach(c -> c.requests.forEach(r -> respondError(r, e)));
                finished(n);
                return;
            }
            plan.failed.forEach((c, err) -> c.requests.forEach(r -> respondError(r, err)));
            if (plan.ok.isEmpty()) {
                finished(n);
                return;
            }
            boolean sync = plan.ok.stream().anyMatch(c -> (c.flags & KvsFlags.SYNC) != 0);
            CompletableFuture<Void> stored = content.store(plan.blobs);
            if (!durable.getAsBoolean() && !sync) {
                // flux-core's way: the root is published before anything is on disk
                stored.whenComplete((v, err) -> {
                    if (err != null) {
                        ctx.log(Severity.ERR, "kvs: storing a commit's objects failed: %s", KvsErrors.message(err));
                    }
                });
                publish(n, plan);
                finished(n);
                return;
            }
            long seq = n.seq + 1;
            // the checkpoint follows the blobs at once: the content store carries them out in
            // order and refuses a checkpoint after a lost store, so one group commit serves both
            CompletableFuture<Void> checkpointed = n.primary() && !n.removed
                    ? content.checkpointPut(plan.ref, seq).toCompletableFuture() : CompletableFuture.completedFuture(null);
            CompletableFuture.allOf(stored, checkpointed)
                    .whenComplete((v, err) -> guarded(n, batch, () -> {
                        if (err != null) {
                            plan.ok.forEach(c -> c.requests.forEach(r -> respondError(r, err)));
                        } else if (n.removed) {
                            plan.ok.forEach(c -> c.requests.forEach(r -> ctx.respondError(r, Errno.ENOTSUP.number(), null)));
                        } else {
                            if (n.primary()) {
                                checkpointedSeq = Math.max(checkpointedSeq, seq);
                            }
                            publish(n, plan);
                        }
                        finished(n);
                    }));
        }));
    }

    /**
     * Runs a step of a batch; should it throw, the batch's commits are answered with the error and
     * the namespace freed: a namespace left busy would hang every later commit to it.
     */
    private void guarded(Namespace n, List<Namespace.Commit> batch, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            ctx.log(Severity.ERR, "kvs: commit to %s failed: %s", n.name, e);
            if (n.busy) {
                batch.forEach(c -> c.requests.forEach(r -> respondError(r, e)));
                finished(n);
            }
        }
    }

    private void finished(Namespace n) {
        n.busy = false;
        kick(n);
    }

    /** Applies each commit of the batch in turn (one failing leaves the others), then unrolls the new root. */
    private Plan plan(Namespace n, List<Namespace.Commit> batch) throws Missing, RequestException {
        TreeObj.Dir root = cache.dir(n.ref);
        Txn txn = new Txn(cache, algorithm, n.name);
        // by blobref: a blob is hashed once (a 100 MB value's SHA-1 is not free)
        Map<BlobRef, byte[]> blobs = new LinkedHashMap<>();
        List<Namespace.Commit> ok = new ArrayList<>();
        Map<Namespace.Commit, Throwable> failed = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Namespace.Commit c : batch) {
            try {
                Txn.Result r = txn.apply(root, c.ops);
                root = r.root();
                blobs.putAll(r.blobs());
                ok.add(c);
                c.ops.forEach(op -> keys.add(KeyPath.normalize(op.key()).key()));
            } catch (RequestException e) {
                failed.put(c, e);
            }
        }
        BlobRef ref = txn.storeDir(txn.unroll(root, blobs), blobs);
        return new Plan(ref, new ArrayList<>(blobs.values()), ok, failed, keys);
    }

    /** The new root: set, announced (kvs.namespace-NS-setroot), and every commit of the batch answered. */
    private void publish(Namespace n, Plan plan) {
        n.ref = plan.ref;
        n.seq++;
        ObjectNode ev = Json.object();
        ev.put("namespace", n.name);
        ev.put("rootseq", n.seq);
        ev.put("rootref", n.ref.toString());
        ArrayNode names = ev.putArray("names");
        plan.ok.forEach(c -> names.add(c.name));
        ArrayNode keys = ev.putArray("keys");
        plan.keys.forEach(keys::add);
        ev.put("owner", Integer.toUnsignedLong(n.owner));
        ctx.publish("kvs.namespace-" + n.name + "-setroot", ev, MessageFlags.PRIVATE);
        ObjectNode resp = Json.object();
        resp.put("rootref", n.ref.toString());
        resp.put("rootseq", n.seq);
        for (Namespace.Commit c : plan.ok) {
            for (Message r : c.requests) {
                if (n.paused) {
                    n.held.add(Map.entry(r, resp));
                } else {
                    ctx.respond(r, resp);
                }
            }
        }
        n.wakeVersionWaiters(ctx);
        long gc = gcThreshold.getAsLong();
        if (gc > 0 && n.primary() && n.seq == gc) {
            ctx.log(Severity.WARNING, "KVS version has reached gc-threshold %d: consider flux shutdown --gc", gc);
        }
    }
    /** Checkpoints the primary namespace's root unless it already is; one checkpoint in flight at a time. */
    CompletableFuture<Void> checkpoint(Namespace p) {
        if (p == null || p.seq == checkpointedSeq) {
            return checkpointing != null ? checkpointing : CompletableFuture.completedFuture(null);
        }
        if (checkpointing != null) {
            return checkpointing.handle((v, e) -> null).thenCompose(v -> checkpoint(p));
        }
        BlobRef ref = p.ref;
        long seq = p.seq;
        CompletableFuture<Void> f = content.checkpointPut(ref, seq).toCompletableFuture();
        checkpointing = f;
        f.whenComplete((v, e) -> {
            checkpointing = null;
            if (e == null) {
                checkpointedSeq = Math.max(checkpointedSeq, seq);
            }
        });
        return f;
    }

    private void respondError(Message m, Throwable e) {
        KvsErrors.respondError(ctx, m, e);
    }
}
