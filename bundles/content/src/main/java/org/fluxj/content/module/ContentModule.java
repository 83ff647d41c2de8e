package org.fluxj.content.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.fluxj.content.ContentCache;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The content module (flux-core src/modules/content, RFC 10) on every rank: {@code content.load}
 * and {@code content.store} with raw payloads (a digest, a blob), {@code flush},
 * {@code dropcache}, {@code stats-get}, and the checkpoint forwarding of
 * {@code checkpoint-get}/{@code checkpoint-put}. Rank 0 stores through to the backing module
 * that registered itself ({@code content.register-backing}); other ranks to their parent.
 *
 * <p>Beyond flux-core: a store is answered only when upstream has acknowledged it, on rank 0
 * when the backing store has it on stable storage. Without a backing module, rank 0 keeps
 * blobs in memory and answers at once, as flux-core does, and hands them over when one
 * registers.
 */
@FluxModule("content")
@Component(service = BrokerModule.class)
public final class ContentModule implements BrokerModule {
    /** flux-core's blob-size-limit default (1 GiB). */
    static final long BLOB_SIZE_LIMIT = 1L << 30;
    /** flux-core's purge-target-size default. */
    static final long PURGE_TARGET_SIZE = 16L << 20;

    private ModuleContext ctx;
    private BlobRef.Algorithm algorithm;
    private ContentCache cache;
    private long blobSizeLimit = BLOB_SIZE_LIMIT;
    private long purgeTarget = PURGE_TARGET_SIZE;
    private String backingName;
    private boolean backing;
    /** Rank 0 without a backing module: blobs kept until one registers (flux-core's flush list). */
    private final Map<BlobRef, byte[]> unbacked = new LinkedHashMap<>();
    private long flushBatches;

    @Override
    public void start(ModuleContext context) throws Exception {
        ctx = context;
        // purge-old-entry and flush-batch-limit are flux-core's cache tuning, accepted and unused here
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), "blob-size-limit=", "purge-target-size=",
                "purge-old-entry=", "flush-batch-limit=");
        blobSizeLimit = parseU32(args, "blob-size-limit", BLOB_SIZE_LIMIT);
        purgeTarget = parseU32(args, "purge-target-size", PURGE_TARGET_SIZE);
        String hash = ctx.attribute("content.hash").orElse(null);
        if (hash == null) {
            hash = "sha1";
            ctx.setAttribute("content.hash", hash);
        }
        algorithm = BlobRef.Algorithm.byName(hash);
        backingName = ctx.attribute("content.backing-module").orElse(null);
        cache = new ContentCache(algorithm, purgeTarget, this::loadUpstream, this::storeUpstream);
        ctx.onRequest("content.load", this::load);
        ctx.onRequest("content.store", this::store);
        ctx.onRequest("content.flush", this::flush);
        ctx.onRequest("content.dropcache", m -> {
            cache.dropCache();
            ctx.respond(m, null);
        });
        ctx.onRequest("content.stats-get", this::stats);
        ctx.onRequest("content.register-backing", this::registerBacking);
        ctx.onRequest("content.unregister-backing", this::unregisterBacking);
        ctx.onRequest("content.checkpoint-get", this::checkpointGet);
        ctx.onRequest("content.checkpoint-put", this::checkpointPut);
    }

    private static long parseU32(ModuleArgs args, String key, long dflt) {
        if (!args.has(key)) {
            return dflt;
        }
        try {
            long n = Long.parseLong(args.value(key).get());
            if (n >= 0 && n <= 0xffffffffL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw args.invalid(key);
    }

    // ---------------------------------------------------------------- upstream

    private CompletionStage<byte[]> loadUpstream(BlobRef ref) {
        if (ctx.rank() == 0) {
            byte[] kept = unbacked.get(ref);
            if (kept != null) {
                return CompletableFuture.completedFuture(kept);
            }
            if (!backing) {
                return CompletableFuture.failedFuture(new RequestException(Errno.ENOENT, null));
            }
            return raw("content-backing.load", 0, ref.digest()).thenApply(Message::payload);
        }
        return raw("content.load", Message.NODEID_UPSTREAM, ref.digest()).thenApply(Message::payload);
    }

    private CompletionStage<BlobRef> storeUpstream(byte[] blob) {
        if (ctx.rank() == 0 && !backing) {
            BlobRef ref = BlobRef.hash(algorithm, blob);
            unbacked.put(ref, blob);
            return CompletableFuture.completedFuture(ref);
        }
        String topic = ctx.rank() == 0 ? "content-backing.store" : "content.store";
        int nodeid = ctx.rank() == 0 ? 0 : Message.NODEID_UPSTREAM;
        return raw(topic, nodeid, blob).thenApply(r -> {
            try {
                return BlobRef.ofDigest(algorithm, r.payload());
            } catch (FormatException e) {
                throw new CompletionException(new RequestException(Errno.EPROTO, topic + ": " + e.getMessage()));
            }
        });
    }

    private CompletionStage<Message> raw(String topic, int nodeid, byte[] payload) {
        Message.Builder b = Message.request(topic);
        if (nodeid == Message.NODEID_UPSTREAM) { // RFC 3: this rank, flagged upstream
            b.nodeid(ctx.rank()).setFlags(MessageFlags.UPSTREAM);
        } else {
            b.nodeid(nodeid);
        }
        if (payload.length > 0) {
            b.payload(payload);
        }
        return ctx.rpc(b.build()).response();
    }

    // ---------------------------------------------------------------- requests

    private void load(Message m) throws RequestException {
        byte[] digest = m.hasPayload() ? m.payload() : new byte[0];
        if (digest.length != algorithm.digestLength()) {
            throw new RequestException(Errno.EPROTO, null);
        }
        BlobRef ref;
        try {
            ref = BlobRef.ofDigest(algorithm, digest);
        } catch (FormatException e) {
            throw new RequestException(Errno.EPROTO, e.getMessage());
        }
        cache.load(ref).whenComplete((data, failure) -> {
            if (failure != null) {
                respondError(m, failure);
            } else {
                ctx.respondRaw(m, data);
            }
        });
    }

    private void store(Message m) throws RequestException {
        byte[] blob = m.hasPayload() ? m.payload() : new byte[0];
        if (blob.length > blobSizeLimit) {
            throw new RequestException(Errno.EFBIG, null);
        }
        cache.store(blob).whenComplete((ref, failure) -> {
            if (failure != null) {
                respondError(m, failure);
            } else {
                ctx.respondRaw(m, ref.digest());
            }
        });
    }

    private void flush(Message m) throws RequestException {
        if (ctx.rank() == 0 && !backing) {
            throw new RequestException(Errno.ENOSYS, null);
        }
        flushBatches++;
        cache.flush().whenComplete((v, failure) -> {
            if (failure != null) {
                respondError(m, failure);
            } else {
                ctx.respond(m, null);
            }
        });
    }

    private void stats(Message m) {
        ContentCache.Stats s = cache.stats();
        ObjectNode o = Json.object();
        o.put("count", s.count());
        o.put("valid", s.count());
        o.put("dirty", s.dirty() + unbacked.size());
        o.put("size", s.bytes());
        o.put("flush-batch-count", flushBatches);
        o.putNull("mmap");
        ctx.respond(m, o);
    }

    private void registerBacking(Message m) throws Exception {
        String name = Request.of(m).string("name");
        if (ctx.rank() != 0) {
            throw new RequestException(Errno.EINVAL, "content backing store can only be registered on rank 0");
        }
        if (backing) {
            throw new RequestException(Errno.EBUSY, "content backing store is already active");
        }
        if (backingName == null) {
            backingName = name;
            ctx.setAttribute("content.backing-module", name);
        }
        if (!backingName.equals(name)) {
            throw new RequestException(Errno.EINVAL, "content backing store cannot be changed on the fly");
        }
        backing = true;
        ctx.log(Severity.DEBUG, "content backing store: enabled %s", name);
        ctx.respond(m, null);
        handOver();
    }

    /** Blobs stored before a backing module registered go to it now. */
    private void handOver() {
        Map<BlobRef, byte[]> kept = new LinkedHashMap<>(unbacked);
        kept.forEach((ref, blob) -> raw("content-backing.store", 0, blob).whenComplete((r, failure) -> {
            if (failure == null) {
                unbacked.remove(ref);
            } else {
                ctx.log(Severity.ERR, "content flush: %s", message(failure));
            }
        }));
    }

    private void unregisterBacking(Message m) throws RequestException {
        if (!backing) {
            throw new RequestException(Errno.EINVAL, "content backing store is not active");
        }
        backing = false;
        ctx.log(Severity.DEBUG, "content backing store: disabled");
        ctx.respond(m, null);
    }

    private void checkpointGet(Message m) throws RequestException {
        if (ctx.rank() == 0 && !backing) {
            throw new RequestException(Errno.ENOSYS, "checkpoint get unavailable, no backing store");
        }
        String topic = ctx.rank() == 0 ? "content-backing.checkpoint-get" : "content.checkpoint-get";
        int nodeid = ctx.rank() == 0 ? 0 : Message.NODEID_UPSTREAM;
        ctx.rpc(topic, nodeid, null, 0).response().whenComplete((r, failure) -> {
            if (failure != null) {
                respondError(m, failure);
                return;
            }
            try {
                JsonNode value = r.payloadObject().get("value");
                if (value == null) {
                    throw new FormatException("checkpoint-get: no value in response");
                }
                ObjectNode o = Json.object();
                o.set("value", value);
                ctx.respond(m, o);
            } catch (FormatException e) {
                ctx.respondError(m, Errno.EPROTO.number(), e.getMessage());
            }
        });
    }

    /** As flux-core: flush this rank's stores, then forward the checkpoint toward the backing store. */
    private void checkpointPut(Message m) throws Exception {
        if (ctx.rank() == 0 && !backing) {
            throw new RequestException(Errno.ENOSYS, "checkpoint put unavailable, no backing store");
        }
        JsonNode value = Request.of(m).any("value");
        ObjectNode o = Json.object();
        o.set("value", value);
        if (ctx.rank() == 0) {
            // every store before this request was sent to the backing module before it, which
            // carries them out in order and refuses a checkpoint that follows a lost store: no
            // need to wait for them here (flux-core flushes first, costing a second group commit)
            forwardCheckpoint(m, "content-backing.checkpoint-put", 0, o);
            return;
        }
        cache.flush().whenComplete((v, flushFailure) -> {
            if (flushFailure != null) {
                ctx.respondError(m, errnoOf(flushFailure), "error flushing content");
                return;
            }
            forwardCheckpoint(m, "content.checkpoint-put", Message.NODEID_UPSTREAM, o);
        });
    }

    private void forwardCheckpoint(Message m, String topic, int nodeid, ObjectNode o) {
        ctx.rpc(topic, nodeid, o, 0).response().whenComplete((r, failure) -> {
            if (failure != null) {
                respondError(m, failure);
            } else {
                ctx.respond(m, null);
            }
        });
    }

    // ---------------------------------------------------------------- errors

    private void respondError(Message m, Throwable failure) {
        ctx.respondError(m, errnoOf(failure), message(failure));
    }


    static int errnoOf(Throwable failure) {
        Throwable t = Rpc.cause(failure);
        if (t instanceof RequestException r) {
            return r.errno().number();
        }
        if (t instanceof ContentException c) {
            return c.errno().number();
        }
        return Errno.EIO.number();
    }

    static String message(Throwable failure) {
        Throwable t = Rpc.cause(failure);
        return t.getMessage();
    }
}
