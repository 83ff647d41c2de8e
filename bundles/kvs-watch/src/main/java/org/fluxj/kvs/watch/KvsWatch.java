package org.fluxj.kvs.watch;

import static org.fluxj.formats.treeobj.KvsFlags.READDIR;
import static org.fluxj.formats.treeobj.KvsFlags.READLINK;
import static org.fluxj.formats.treeobj.KvsFlags.STREAM;
import static org.fluxj.formats.treeobj.KvsFlags.TREEOBJ;
import static org.fluxj.formats.treeobj.KvsFlags.WAITCREATE;
import static org.fluxj.formats.treeobj.KvsFlags.WATCH;
import static org.fluxj.formats.treeobj.KvsFlags.WATCH_APPEND;
import static org.fluxj.formats.treeobj.KvsFlags.WATCH_FULL;
import static org.fluxj.formats.treeobj.KvsFlags.WATCH_INITIAL_SENTINEL;
import static org.fluxj.formats.treeobj.KvsFlags.WATCH_UNIQ;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.osgi.service.component.annotations.Component;

/**
 * The kvs-watch module (flux-core src/modules/kvs-watch): {@code kvs-watch.lookup} for lookups
 * that wait for a key to be created ({@code FLUX_KVS_WAITCREATE}, also for a namespace not yet
 * created) and for streaming watches ({@code FLUX_KVS_WATCH}) of a key: a response with the
 * value after each commit that wrote the key, or after every commit that changed it
 * ({@code WATCH_FULL}), only when it changed ({@code WATCH_UNIQ}), or only the data appended
 * ({@code WATCH_APPEND}, what eventlog watchers use: one response per appended blob). Without
 * {@code WATCH}, {@code FLUX_KVS_STREAM} answers a value in parts, as flux-core does for values
 * too large for one response: a valref one response per blob, in order, a val in one, then
 * ENODATA. {@code kvs-watch.cancel} ends a watch with ENODATA; a client's disconnect drops its
 * watches.
 *
 * <p>Each lookup is made with the watcher's credential, at the root of the commit that caused
 * it, one at a time per watcher, so responses come in commit order and none is skipped.
 */
@FluxModule("kvs-watch")
@Component(service = BrokerModule.class)
public final class KvsWatch implements BrokerModule {
    private static final int WATCH_FLAGS = WATCH_FULL | WATCH_UNIQ | WATCH_APPEND | WATCH_INITIAL_SENTINEL;

    /** One kvs-watch.lookup request being served. */
    private final class Watcher {
        final Message request;
        final String key;
        final String normalized;
        final String namespace;
        final int flags;
        /** The root sequence of the last value sent (events at or below it are old news). */
        long seq = -1;
        boolean started;
        boolean done;
        /** Whether a value was sent yet (the first one is sent whole, also with WATCH_APPEND). */
        boolean sentAny;
        JsonNode prev;
        /** WATCH_APPEND: how many blobrefs (or val bytes) were already sent. */
        int sentCount;
        int sentBytes;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Watcher(Message request, String key, String namespace, int flags) {
            this.request = request;
            this.key = key;
            this.normalized = KeyPath.normalize(key).key();
            this.namespace = namespace;
            this.flags = flags;
        }

        boolean watching() {
            return (flags & WATCH) != 0;
        }

        String id() {
            return request.routeFirst() + ":" + request.matchtag();
        }
    }

    private ModuleContext ctx;
    private BlobRef.Algorithm algorithm;
    private final Map<String, Watcher> watchers = new LinkedHashMap<>();

    @Override
    public void start(ModuleContext context) throws FormatException {
        ctx = context;
        algorithm = BlobRef.Algorithm.byName(ctx.attribute("content.hash").orElse("sha1"));
        ctx.onRequest("kvs-watch.lookup", Roles.USER, this::lookup);
        ctx.onRequest("kvs-watch.cancel", Roles.USER, this::cancel);
        ctx.onRequest("kvs-watch.disconnect", Roles.USER, this::disconnect);
        ctx.onRequest("kvs-watch.stats-get", Roles.USER, this::stats);
        ctx.onEvent("kvs.namespace-", this::event);
    }

    @Override
    public void stop() {
        for (Watcher w : List.copyOf(watchers.values())) {
            finish(w, Errno.ENOSYS.number(), "kvs-watch module is unloading");
        }
    }

    // ---------------------------------------------------------------- requests

    private void lookup(Message m) throws Exception {
        Request r = Request.of(m);
        String ns = r.string("namespace");
        String key = r.string("key");
        int flags = r.integer("flags");
        if ((flags & WATCH) != 0 && !m.isStreaming()) {
            throw new RequestException(Errno.EPROTO, "KVS watch request rejected without streaming RPC flag");
        }
        if ((flags & STREAM) != 0 && !m.isStreaming()) {
            throw new RequestException(Errno.EPROTO, "KVS stream request rejected without streaming RPC flag");
        }
        if ((flags & WATCH) != 0 && (flags & STREAM) != 0) {
            throw new RequestException(Errno.EINVAL, "Cannot KVS watch and stream at the same time");
        }
        if ((flags & WATCH) == 0 && (flags & WATCH_FLAGS) != 0) {
            throw new RequestException(Errno.EINVAL, "Must set KVS watch flag with other watch flags");
        }
        if ((flags & WATCH_APPEND) == 0 && (flags & WATCH_INITIAL_SENTINEL) != 0) {
            throw new RequestException(Errno.EINVAL, "Must set KVS watch append flag with initial sentinel flag");
        }
        if (key.isEmpty()) {
            throw new RequestException(Errno.EINVAL, "empty key");
        }
        Watcher w = new Watcher(m, key, ns, flags);
        if (watchers.putIfAbsent(w.id(), w) != null) {
            throw new RequestException(Errno.EEXIST, "a watch with this matchtag is already active");
        }
        initial(w);
    }

    /** The first lookup, at the namespace's current root. */
    private void initial(Watcher w) {
        ObjectNode o = Json.object();
        o.put("key", w.key);
        o.put("flags", lookupFlags(w));
        o.put("namespace", w.namespace);
        lookupPlus(w, o).whenComplete((r, e) -> {
            if (w.done) {
                return;
            }
            if (e != null) {
                int errnum = errno(e);
                if (errnum == Errno.ENOTSUP.number() && (w.flags & WAITCREATE) != 0) {
                    return; // the namespace does not exist yet: its -created event starts us again
                }
                finish(w, errnum, message(e));
                return;
            }
            w.started = true;
            w.seq = r.path("rootseq").asLong();
            if (r.has("errno")) {
                if ((w.flags & WAITCREATE) != 0) {
                    return; // every later commit is looked at until the key appears
                }
                finish(w, r.get("errno").asInt(), null);
                return;
            }
            deliver(w, r.get("val"));
        });
    }

    private int lookupFlags(Watcher w) {
        int f = w.flags & (READDIR | READLINK | TREEOBJ);
        if ((w.flags & (WATCH_APPEND | STREAM)) != 0) {
            f |= TREEOBJ;
        }
        return f;
    }

    /** kvs.lookup-plus as the watcher: the KVS checks what it may see. */
    private CompletionStage<JsonNode> lookupPlus(Watcher w, ObjectNode payload) {
        Message req = Message.request("kvs.lookup-plus").nodeid(Message.NODEID_ANY)
                .payloadJson(payload).cred(w.request.userid(), w.request.rolemask()).build();
        return ctx.rpc(req).response().thenApply(r -> {
            try {
                return r.payloadObject();
            } catch (FormatException x) {
                throw new CompletionException(new RequestException(Errno.EPROTO, x.getMessage()));
            }
        });
    }

    /** A value looked up for a watcher: sent as its flags say. */
    private void deliver(Watcher w, JsonNode val) {
        if (w.done) {
            return;
        }
        boolean first = !w.sentAny;
        w.sentAny = true;
        if ((w.flags & (WATCH_APPEND | STREAM)) != 0) {
            deliverAppend(w, val, first);
            return;
        }
        if (!first && ((w.flags & (WATCH_UNIQ | WATCH_FULL)) != 0) && val.equals(w.prev)) {
            return;
        }
        w.prev = val;
        respondVal(w, val);
        if (!w.watching()) {
            if ((w.flags & WAITCREATE) != 0 && w.request.isStreaming()) {
                finish(w, Errno.ENODATA.number(), null);
            } else {
                watchers.remove(w.id());
                w.done = true;
            }
        }
    }

    private void respondVal(Watcher w, JsonNode val) {
        ObjectNode o = Json.object();
        o.set("val", val);
        ctx.respond(w.request, o);
    }

    /**
     * WATCH_APPEND and STREAM: what was appended since the last response (all of it the first
     * time), one response per blob of a valref; the value must only grow.
     */
    private void deliverAppend(Watcher w, JsonNode val, boolean first) {
        TreeObj t;
        try {
            t = TreeObj.fromJson(val);
        } catch (FormatException e) {
            finish(w, Errno.EPROTO.number(), e.getMessage());
            return;
        }
        if (t instanceof TreeObj.Val v) {
            if (!first && v.length() < w.sentBytes) {
                finish(w, Errno.EINVAL.number(), "value of key watched with WATCH_APPEND shrank");
                return;
            }
            byte[] d = v.data();
            if (first || d.length > w.sentBytes) {
                respondVal(w, new TreeObj.Val(Arrays.copyOfRange(d, first ? 0 : w.sentBytes, d.length)).toJson());
            }
            w.sentBytes = d.length;
            afterAppend(w, first);
            return;
        }
        if (!(t instanceof TreeObj.ValRef r)) {
            boolean dir = t instanceof TreeObj.Dir || t instanceof TreeObj.DirRef;
            finish(w, dir ? Errno.EISDIR.number() : Errno.EINVAL.number(), t.type()
                    + ((w.flags & STREAM) != 0 ? " cannot be streamed" : " cannot be watched with WATCH_APPEND"));
            return;
        }
        int from = first ? 0 : w.sentCount;
        if (!first && w.sentCount == 0 && w.sentBytes > 0) {
            from = 1; // it was a val, now a valref whose first blob is that val
        }
        if (r.refs().size() < from) {
            finish(w, Errno.EINVAL.number(), "value of key watched with WATCH_APPEND shrank");
            return;
        }
        List<BlobRef> fresh = r.refs().subList(from, r.refs().size());
        w.sentCount = r.refs().size();
        // every blob is asked for now; each is answered in its own response, in order
        List<CompletableFuture<byte[]>> loads = new ArrayList<>(fresh.size());
        for (BlobRef ref : fresh) {
            loads.add(load(ref));
        }
        for (CompletableFuture<byte[]> load : loads) {
            w.tail = w.tail.thenCompose(x -> load).handle((data, e) -> {
                if (!w.done) {
                    if (e != null) {
                        finish(w, errno(e), message(e));
                    } else {
                        respondVal(w, new TreeObj.Val(data).toJson());
                    }
                }
                return null;
            });
        }
        w.tail = w.tail.thenRun(() -> {
            if (!w.done) {
                afterAppend(w, first);
            }
        });
    }

    private void afterAppend(Watcher w, boolean first) {
        if (first && (w.flags & WATCH_INITIAL_SENTINEL) != 0 && !w.done) {
            ctx.respond(w.request, null);
        }
        if (!w.watching()) {
            finish(w, Errno.ENODATA.number(), null);
        }
    }

    /** One blob from the content store, checked against its hash. */
    private CompletableFuture<byte[]> load(BlobRef ref) {
        return ctx.rpc(Message.request("content.load").nodeid(Message.NODEID_ANY).payload(ref.digest()).build())
                .response().toCompletableFuture().thenApply(r -> {
                    byte[] d = r.hasPayload() ? r.payload() : new byte[0];
                    if (!ref.matches(d)) {
                        throw new CompletionException(new RequestException(Errno.EIO,
                                "kvs-watch: content for " + ref + " does not match its hash"));
                    }
                    return d;
                });
    }

    private void cancel(Message m) throws Exception {
        int tag = Request.of(m).integer("matchtag");
        Watcher w = watchers.get(m.routeFirst() + ":" + tag);
        if (w != null && w.request.userid() == m.userid()) {
            finish(w, Errno.ENODATA.number(), null);
        }
        // no response, as flux-core
    }

    private void disconnect(Message m) {
        String sender = m.routeFirst();
        for (Watcher w : List.copyOf(watchers.values())) {
            if (sender != null && sender.equals(w.request.routeFirst()) && w.request.userid() == m.userid()) {
                watchers.remove(w.id());
                w.done = true;
            }
        }
    }

    private void stats(Message m) {
        ObjectNode o = Json.object();
        Set<String> ns = new HashSet<>();
        watchers.values().forEach(w -> ns.add(w.namespace));
        o.put("watchers", watchers.size());
        o.put("namespace-count", ns.size());
        ctx.respond(m, o);
    }

    /** Ends a watch with an error response (ENODATA ends a stream normally). */
    private void finish(Watcher w, int errnum, String text) {
        if (w.done) {
            return;
        }
        w.done = true;
        watchers.remove(w.id());
        ctx.respondError(w.request, errnum, text);
    }

    // ---------------------------------------------------------------- events

    private void event(Message m) throws FormatException {
        String topic = m.topic();
        String rest = topic.substring("kvs.namespace-".length());
        if (rest.endsWith("-setroot")) {
            setroot(m.payloadObject());
        } else if (rest.endsWith("-removed")) {
            String ns = rest.substring(0, rest.length() - "-removed".length());
            for (Watcher w : List.copyOf(watchers.values())) {
                if (w.namespace.equals(ns)) {
                    finish(w, Errno.ENOTSUP.number(), "namespace " + ns + " was removed");
                }
            }
        } else if (rest.endsWith("-created")) {
            String ns = rest.substring(0, rest.length() - "-created".length());
            for (Watcher w : List.copyOf(watchers.values())) {
                if (w.namespace.equals(ns) && !w.started) {
                    initial(w);
                }
            }
        }
    }

    private void setroot(ObjectNode ev) {
        String ns = ev.path("namespace").asText();
        long seq = ev.path("rootseq").asLong();
        String rootref = ev.path("rootref").asText();
        Set<String> keys = new HashSet<>();
        ev.path("keys").forEach(k -> keys.add(k.asText()));
        for (Watcher w : List.copyOf(watchers.values())) {
            if (!w.namespace.equals(ns) || !w.started || w.done || seq <= w.seq) {
                continue;
            }
            if (!w.watching() && w.sentAny) {
                continue;
            }
            if ((w.flags & WATCH_FULL) == 0 && !touches(keys, w.normalized)) {
                continue;
            }
            w.seq = seq;
            ObjectNode o = Json.object();
            o.put("key", w.key);
            o.put("flags", lookupFlags(w));
            o.set("rootdir", dirref(rootref));
            w.tail = w.tail.thenCompose(x -> lookupPlus(w, o).toCompletableFuture()).handle((r, e) -> {
                if (w.done) {
                    return null;
                }
                if (e != null) {
                    finish(w, errno(e), message(e));
                } else if (r.has("errno")) {
                    if (w.sentAny) {
                        finish(w, r.get("errno").asInt(), null); // the watched key went away
                    }
                } else if (w.watching() || !w.sentAny) {
                    deliver(w, r.get("val"));
                }
                return null;
            });
        }
    }

    /** Whether a commit that wrote {@code keys} may have changed {@code key}: it, a parent, or a child. */
    static boolean touches(Set<String> keys, String key) {
        for (String k : keys) {
            if (k.equals(key) || key.startsWith(k + ".") || k.startsWith(key + ".")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode dirref(String rootref) {
        ObjectNode o = Json.object();
        o.putArray("data").add(rootref);
        o.put("type", "dirref");
        o.put("ver", 1);
        return o;
    }

    // ---------------------------------------------------------------- errors


    static int errno(Throwable e) {
        Throwable t = Rpc.cause(e);
        return t instanceof RequestException r ? r.errno().number() : Errno.EIO.number();
    }

    static String message(Throwable e) {
        Throwable t = Rpc.cause(e);
        if (!(t instanceof RequestException)) {
            return "kvs-watch: " + t;
        }
        return t.getMessage();
    }
}
