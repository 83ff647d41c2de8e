package org.fluxj.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The kvs module (flux-core src/modules/kvs, RFC 11): namespaces of RFC 11 tree objects in the
 * content store; {@code kvs.lookup}, {@code lookup-plus}, {@code commit}, {@code fence},
 * {@code getroot}, {@code wait-version}, {@code namespace-create/remove/list}, {@code dropcache},
 * {@code stats-get}; {@code kvs.namespace-NS-setroot} events after each new root.
 *
 * <p>The module class holds the request handlers and the module's life cycle; the rest is split
 * along flux-core's seams: {@link CommitPipeline} applies commits in batches and makes them
 * durable before answering (so an acknowledged commit survives a SIGKILL of the broker, which
 * flux-core does not promise; {@code [kvs] durable-commits = false} restores flux-core's way),
 * {@link ContentClient} reaches the content store, {@link Replay} reruns work that missed
 * objects in the cache, and {@link Follower} serves ranks other than 0.
 *
 * <p>On ranks other than 0 the module forwards every request to rank 0 (no caching follower yet).
 */
@FluxModule("kvs")
@Component(service = BrokerModule.class)
public final class KvsModule implements BrokerModule {
    static final long CACHE_BYTES = 256L << 20;

    private ModuleContext ctx;
    private ContentClient content;
    private BlobRef.Algorithm algorithm;
    private ObjectCache cache;
    private int instanceOwner;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<String, Namespace.Commit> fences = new HashMap<>();
    private final Map<String, Integer> fenceSizes = new HashMap<>();
    private boolean ready;
    private boolean stopped; // module thread only, as every field here
    private BlobRef initialRootref;
    private RequestException fatal;
    private final List<Message> early = new ArrayList<>();
    private boolean durable = true;
    private double checkpointPeriod;
    private long gcThreshold;
    /** The largest value a commit may carry (the content module's blob-size-limit by default). */
    private long maxValueSize = 1L << 30;
    private ModuleContext.Timer checkpointTimer;
    private long txnCount;
    private Replay replay;
    private CommitPipeline pipeline;

    @Override
    public void start(ModuleContext context) throws Exception {
        ctx = context;
        configure(settings(ctx.config()));
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), "durable-commits=", "checkpoint-period=",
                "initial-rootref=");
        args.value("durable-commits").ifPresent(v -> durable = Boolean.parseBoolean(v));
        if (args.has("initial-rootref")) {
            try {
                initialRootref = BlobRef.parse(args.value("initial-rootref").get());
            } catch (FormatException e) {
                throw new IllegalArgumentException("kvs: invalid initial-rootref: " + e.getMessage());
            }
        }
        if (args.has("checkpoint-period")) {
            checkpointPeriod = Fsd.parse(args.value("checkpoint-period").get());
        }
        if (ctx.rank() != 0) {
            new Follower(ctx).start();
            return;
        }
        content = new ContentClient(ctx);
        algorithm = BlobRef.Algorithm.byName(ctx.attribute("content.hash").orElse("sha1"));
        instanceOwner = Integer.parseInt(ctx.attribute("security.owner").orElse("0"));
        cache = new ObjectCache(CACHE_BYTES, content::load);
        replay = new Replay(cache);
        pipeline = new CommitPipeline(ctx, cache, algorithm, content, () -> durable, () -> gcThreshold);
        ctx.onRequest("kvs.lookup", Roles.USER, m -> whenReady(m, this::lookup));
        ctx.onRequest("kvs.lookup-plus", Roles.USER, m -> whenReady(m, this::lookupPlus));
        ctx.onRequest("kvs.commit", Roles.USER, m -> whenReady(m, this::commit));
        ctx.onRequest("kvs.fence", Roles.USER, m -> whenReady(m, this::fence));
        ctx.onRequest("kvs.getroot", Roles.USER, m -> whenReady(m, this::getroot));
        ctx.onRequest("kvs.wait-version", Roles.USER, m -> whenReady(m, this::waitVersion));
        ctx.onRequest("kvs.namespace-create", m -> whenReady(m, this::namespaceCreate));
        ctx.onRequest("kvs.namespace-remove", m -> whenReady(m, this::namespaceRemove));
        ctx.onRequest("kvs.namespace-list", m -> whenReady(m, this::namespaceList));
        ctx.onRequest("kvs.dropcache", m -> {
            cache.clear();
            ctx.respond(m, null);
        });
        ctx.onRequest("kvs.stats-get", Roles.USER, this::stats);
        ctx.onRequest("kvs.disconnect", Roles.USER, this::disconnect);
        ctx.onRequest("kvs.setroot-pause", Roles.USER, m -> whenReady(m, this::setrootPause));
        ctx.onRequest("kvs.setroot-unpause", Roles.USER, m -> whenReady(m, this::setrootUnpause));
        ctx.onConfigReload(m -> { // a bad [kvs] refuses the whole change, as flux-core's kvs does
            configure(settings(ctx.config()));
            startTimer();
        });
        restoreRoot();
    }

    /** What {@code [kvs]} sets; a key that is absent leaves the module's value (null here). */
    record Settings(Double checkpointPeriod, Long gcThreshold, Long maxValueSize, Boolean durable) {
    }

    /**
     * {@code [kvs]}, read as flux-core's kvs reads it with flux_conf_unpack "!": checkpoint-period
     * (an FSD), gc-threshold and max-value-size (positive integers), durable-commits (a boolean),
     * no other key. Checked whole before any of it is used, so a refused reload changes nothing.
     */
    static Settings settings(JsonNode config) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "kvs")
                .allowOnly("checkpoint-period", "gc-threshold", "durable-commits", "max-value-size");
        return new Settings(
                t.has("checkpoint-period") ? t.duration("checkpoint-period", 0, "invalid checkpoint-period config") : null,
                t.has("gc-threshold") ? t.integer("gc-threshold", 0, 1, Long.MAX_VALUE) : null,
                t.has("max-value-size") ? t.integer("max-value-size", 0, 1, Long.MAX_VALUE) : null,
                t.has("durable-commits") ? t.bool("durable-commits", true) : null);
    }

    private void configure(Settings s) {
        if (s.checkpointPeriod() != null) {
            checkpointPeriod = s.checkpointPeriod();
        }
        if (s.gcThreshold() != null) {
            gcThreshold = s.gcThreshold();
        }
        if (s.maxValueSize() != null) {
            maxValueSize = s.maxValueSize();
        }
        if (s.durable() != null) {
            durable = s.durable();
        }
    }

    // ---------------------------------------------------------------- start and stop

    /**
     * The primary root: the {@code initial-rootref=} argument's, else the newest checkpoint's,
     * else an empty directory; sequence 0 but for a checkpoint's.
     */
    private void restoreRoot() {
        if (initialRootref != null) {
            becomeReady(new Namespace(Namespace.PRIMARY, instanceOwner, 0, initialRootref, 0));
            return;
        }
        content.checkpointGet().whenComplete((r, failure) -> {
            if (failure == null) {
                try {
                    JsonNode value = r.payloadObject().get("value");
                    JsonNode c = value != null && value.isArray() ? value.get(0) : value;
                    if (c == null || !c.path("rootref").isTextual() || !c.path("version").canConvertToInt()
                            || c.path("version").asInt() > 1) {
                        throw new FormatException("malformed checkpoint " + value);
                    }
                    BlobRef ref = BlobRef.parse(c.get("rootref").asText());
                    long seq = c.path("sequence").asLong(0);
                    double ts = c.path("timestamp").asDouble(0);
                    ctx.log(Severity.INFO, "restored KVS from checkpoint on %s",
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                    Instant.ofEpochMilli((long) (ts * 1000)).atZone(ZoneId.systemDefault())));
                    pipeline.checkpointed(seq);
                    becomeReady(new Namespace(Namespace.PRIMARY, instanceOwner, 0, ref, seq));
                } catch (FormatException e) {
                    fail(new RequestException(Errno.EPROTO, "kvs: checkpoint: " + e.getMessage()));
                }
                return;
            }
            int errnum = KvsErrors.errno(failure);
            if (errnum != Errno.ENOENT.number() && errnum != Errno.ENOSYS.number()) {
                fail(new RequestException(Errno.of(errnum) == null ? Errno.EIO : Errno.of(errnum),
                        "kvs: error reading the root checkpoint: " + KvsErrors.message(failure)));
                return;
            }
            if (errnum == Errno.ENOSYS.number() && durable) {
                boolean temporary = ctx.attribute("statedir-cleanup").map("1"::equals).orElse(true);
                boolean none = ctx.attribute("content.backing-module").map("none"::equals).orElse(false);
                if (temporary || none) {
                    durable = false;
                    ctx.log(Severity.INFO, "no content backing store: commits are kept in memory only");
                } else {
                    ctx.log(Severity.ERR, "no content backing store for statedir %s: commits will fail",
                            ctx.attribute("statedir").orElse("?"));
                }
            }
            byte[] empty = TreeObj.Dir.empty().encodeBytes();
            content.store(List.of(empty)).whenComplete((v, e) -> {
                if (e != null) {
                    fail(new RequestException(Errno.of(KvsErrors.errno(e)) == null ? Errno.EIO : Errno.of(KvsErrors.errno(e)),
                            "kvs: error storing the initial root: " + KvsErrors.message(e)));
                    return;
                }
                BlobRef ref = BlobRef.hash(algorithm, empty);
                cache.put(ref, empty, TreeObj.Dir.empty());
                becomeReady(new Namespace(Namespace.PRIMARY, instanceOwner, 0, ref, 0));
            });
        });
    }

    private void becomeReady(Namespace primary) {
        namespaces.put(primary.name, primary);
        ready = true;
        startTimer();
        List<Message> queued = new ArrayList<>(early);
        early.clear();
        for (Message m : queued) {
            redeliver(m);
        }
    }

    private void fail(RequestException e) {
        if (stopped) {
            return; // the unload fails what the module still awaited: not an error of its own
        }
        ctx.log(Severity.ERR, "%s", e.getMessage());
        fatal = e;
        ready = true;
        List<Message> queued = new ArrayList<>(early);
        early.clear();
        queued.forEach(m -> ctx.respondError(m, e.errno().number(), e.getMessage()));
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Message m) throws Exception;
    }

    private final Map<Message, Handler> earlyHandlers = new HashMap<>();

    /** Runs {@code h} now if the root is known, else once it is (requests before that wait). */
    private void whenReady(Message m, Handler h) throws Exception {
        if (fatal != null) {
            throw fatal;
        }
        if (!ready) {
            early.add(m);
            earlyHandlers.put(m, h);
            return;
        }
        h.handle(m);
    }

    private void redeliver(Message m) {
        Handler h = earlyHandlers.remove(m);
        try {
            h.handle(m);
        } catch (Exception e) {
            RequestException answer = RequestException.of(e);
            ctx.respondError(m, answer.errno().number(), answer.getMessage());
        }
    }

    private void startTimer() {
        if (checkpointTimer != null) {
            checkpointTimer.cancel();
            checkpointTimer = null;
        }
        if (!durable && checkpointPeriod > 0 && Double.isFinite(checkpointPeriod)) {
            checkpointTimer = ctx.scheduleRepeating(Duration.ofNanos((long) (checkpointPeriod * 1e9)),
                    () -> checkpointPrimary());
        }
    }

    /** The final checkpoint, once the commits in flight are done (flux-core checkpoints at unload too). */
    @Override
    public CompletionStage<Void> drain() {
        if (ctx.rank() != 0 || !ready || fatal != null) {
            return CompletableFuture.completedFuture(null);
        }
        return checkpointPrimary().exceptionally(e -> {
            if (KvsErrors.errno(e) != Errno.ENOSYS.number()) {
                ctx.log(Severity.ERR, "error saving primary KVS checkpoint: %s", KvsErrors.message(e));
            }
            return null;
        });
    }

    private CompletableFuture<Void> checkpointPrimary() {
        return pipeline.checkpoint(namespaces.get(Namespace.PRIMARY));
    }

    @Override
    public void stop() {
        stopped = true;
        if (checkpointTimer != null) {
            checkpointTimer.cancel();
        }
    }

    // ---------------------------------------------------------------- namespaces and access

    /** The namespace a request names, if the requester may use it (flux-core's getroot/check_user). */
    private Namespace namespace(Message m, String ns) throws RequestException {
        Namespace n = namespaces.get(ns);
        if (n == null || n.removed) {
            throw new RequestException(Errno.ENOTSUP, "namespace " + ns + " does not exist");
        }
        if (!n.admits(m)) {
            throw new RequestException(Errno.EPERM, null);
        }
        return n;
    }

    // ---------------------------------------------------------------- lookup

    private record LookupAt(BlobRef root, long seq, String key, int flags) {
    }

    private LookupAt lookupRequest(Message m) throws RequestException {
        Request req = Request.of(m);
        String key = req.string("key");
        int flags = req.integer("flags");
        String ns = req.string("namespace", null);
        JsonNode rootdir = req.has("rootdir") ? req.any("rootdir") : null;
        if (ns == null && rootdir == null) {
            throw new RequestException(Errno.EPROTO, "lookup needs a namespace or a rootdir");
        }
        if (key.isEmpty() || key.indexOf('\0') >= 0) {
            throw new RequestException(Errno.EINVAL, key.isEmpty() ? "empty key" : "key contains a NUL character");
        }
        flags &= ~(KvsFlags.WATCH | KvsFlags.WAITCREATE | KvsFlags.WATCH_FULL | KvsFlags.WATCH_UNIQ | KvsFlags.WATCH_APPEND
                | KvsFlags.STREAM | KvsFlags.WATCH_INITIAL_SENTINEL);
        if (!Flags.validLookup(flags)) {
            throw new RequestException(Errno.EINVAL, "invalid lookup flags");
        }
        if (rootdir != null) {
            TreeObj t;
            try {
                t = TreeObj.fromJson(rootdir);
            } catch (FormatException e) {
                throw new RequestException(Errno.EINVAL, e.getMessage());
            }
            if (!(t instanceof TreeObj.DirRef r) || r.refs().size() != 1) {
                throw new RequestException(Errno.EINVAL, "rootdir must be a dirref with one blobref");
            }
            if (r.refs().get(0).algorithm() != algorithm) {
                throw new RequestException(Errno.EINVAL, "rootdir is not a " + algorithm.fluxName() + " blobref");
            }
            return new LookupAt(r.refs().get(0), -1, key, flags);
        }
        Namespace n = namespace(m, ns);
        return new LookupAt(n.ref, n.seq, key, flags);
    }

    private Lookup lookupFor(Message m) {
        return new Lookup(cache, ns -> namespace(m, ns).ref);
    }

    private void lookup(Message m) throws RequestException {
        LookupAt at = lookupRequest(m);
        Lookup l = lookupFor(m);
        replay.run(() -> l.lookup(at.root, at.key, at.flags), (val, e) -> {
            if (e != null) {
                respondError(m, e);
            } else if (val == null) {
                ctx.respondError(m, Errno.ENOENT.number(), null);
            } else {
                ObjectNode o = Json.object();
                o.set("val", val.toJson());
                ctx.respond(m, o);
            }
        });
    }

    /** As kvs.lookup, with the root it used, and ENOENT as a value (what kvs-watch needs). */
    private void lookupPlus(Message m) throws RequestException {
        LookupAt at = lookupRequest(m);
        Lookup l = lookupFor(m);
        replay.run(() -> l.lookup(at.root, at.key, at.flags), (val, e) -> {
            if (e != null) {
                respondError(m, e);
                return;
            }
            ObjectNode o = Json.object();
            if (val == null) {
                o.put("errno", Errno.ENOENT.number());
            } else {
                o.set("val", val.toJson());
            }
            o.put("rootseq", at.seq);
            o.put("rootref", at.root.toString());
            ctx.respond(m, o);
        });
    }

    // ---------------------------------------------------------------- commit and fence

    private List<Txn.Op> ops(Request r) throws RequestException {
        Message m = r.message();
        JsonNode ops = r.array("ops");
        List<Txn.Op> out = new ArrayList<>(ops.size());
        boolean guest = (m.rolemask() & Roles.OWNER) == 0;
        for (JsonNode op : ops) {
            Txn.Op parsed = Txn.Op.fromJson(op);
            if (parsed.dirent() instanceof TreeObj.Val v && v.length() > maxValueSize) {
                throw new RequestException(Errno.EFBIG, "value of " + parsed.key() + " is " + v.length()
                        + " bytes, over the limit of " + maxValueSize);
            }
            if (guest) {
                TreeObj d = parsed.dirent();
                if (!(d == null || d instanceof TreeObj.Val || (d instanceof TreeObj.Dir dir && dir.count() == 0))) {
                    throw new RequestException(Errno.EPERM, "guests may not commit "
                            + (d instanceof TreeObj.Dir ? "non-empty " : "") + d.type() + " objects");
                }
            }
            out.add(parsed);
        }
        return out;
    }

    private void commit(Message m) throws RequestException {
        Request r = Request.of(m);
        List<Txn.Op> ops = ops(r);
        String ns = r.string("namespace");
        int flags = r.integer("flags");
        Namespace n = namespace(m, ns);
        Namespace.Commit c = new Namespace.Commit("transaction_req." + ctx.rank() + "." + txnCount++, flags);
        c.requests.add(m);
        c.ops.addAll(ops);
        pipeline.enqueue(n, c);
    }

    /** A fence: {@code nprocs} requests with one name are committed together (older flux-core's kvs.fence). */
    private void fence(Message m) throws RequestException {
        Request r = Request.of(m);
        List<Txn.Op> ops = ops(r);
        String ns = r.string("namespace");
        String name = r.string("name");
        int nprocs = r.integer("nprocs");
        int flags = r.integer("flags");
        if (nprocs <= 0) {
            throw new RequestException(Errno.EINVAL, "nprocs must be positive");
        }
        Namespace n = namespace(m, ns);
        String key = ns + "\u0000" + name;
        Integer size = fenceSizes.get(key);
        if (size != null && size != nprocs) {
            throw new RequestException(Errno.EINVAL, "fence " + name + ": nprocs " + nprocs + " differs from " + size);
        }
        Namespace.Commit c = fences.computeIfAbsent(key, k -> new Namespace.Commit(name, flags));
        fenceSizes.put(key, nprocs);
        c.requests.add(m);
        c.ops.addAll(ops);
        if (c.requests.size() == nprocs) {
            fences.remove(key);
            fenceSizes.remove(key);
            pipeline.enqueue(n, c);
        }
    }

    // ---------------------------------------------------------------- getroot, wait-version

    private void getroot(Message m) throws RequestException {
        Namespace n = namespace(m, Request.of(m).string("namespace"));
        ctx.respond(m, rootInfo(n));
    }

    private static ObjectNode rootInfo(Namespace n) {
        ObjectNode r = Json.object();
        r.put("owner", n.owner);
        r.put("rootseq", n.seq);
        r.put("rootref", n.ref.toString());
        r.put("flags", n.flags);
        r.put("namespace", n.name);
        return r;
    }

    private void waitVersion(Message m) throws RequestException {
        Request r = Request.of(m);
        long seq = r.integer("rootseq");
        Namespace n = namespace(m, r.string("namespace"));
        if (n.seq >= seq) {
            ctx.respond(m, n.versionInfo());
        } else {
            n.versionWaiters.computeIfAbsent(seq, k -> new ArrayList<>()).add(m);
        }
    }

    // ---------------------------------------------------------------- namespaces

    private void namespaceCreate(Message m) throws RequestException {
        Request r = Request.of(m);
        String ns = r.string("namespace");
        String rootref = r.string("rootref");
        long owner = r.integer("owner") & 0xffffffffL;
        int flags = r.integer("flags");
        if (ns.isEmpty() || ns.indexOf('/') >= 0) {
            throw new RequestException(Errno.EINVAL, "invalid namespace name");
        }
        if (flags != 0) {
            throw new RequestException(Errno.EINVAL, "invalid namespace flags");
        }
        BlobRef ref;
        try {
            ref = BlobRef.parse(rootref);
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, e.getMessage());
        }
        if (ref.algorithm() != algorithm) {
            throw new RequestException(Errno.EINVAL, "rootref is not a " + algorithm.fluxName() + " blobref");
        }
        if (namespaces.containsKey(ns)) {
            throw new RequestException(Errno.EEXIST, null);
        }
        int uid = owner == 0xffffffffL ? instanceOwner : (int) owner;
        Namespace n = new Namespace(ns, uid, flags, ref, 0);
        namespaces.put(ns, n);
        ObjectNode ev = Json.object();
        ev.put("namespace", ns);
        ev.put("rootseq", 0);
        ev.put("rootref", ref.toString());
        ev.put("owner", Integer.toUnsignedLong(uid));
        ctx.publish("kvs.namespace-" + ns + "-created", ev, MessageFlags.PRIVATE);
        ctx.respond(m, null);
    }

    private void namespaceRemove(Message m) throws RequestException {
        String ns = Request.of(m).string("namespace");
        if (ns.equalsIgnoreCase(Namespace.PRIMARY)) {
            throw new RequestException(Errno.ENOTSUP, "the primary namespace cannot be removed");
        }
        Namespace n = namespaces.remove(ns);
        if (n != null) {
            n.removed = true;
            ObjectNode ev = Json.object();
            ev.put("namespace", ns);
            ctx.publish("kvs.namespace-" + ns + "-removed", ev, MessageFlags.PRIVATE);
            n.versionWaiters.values().forEach(l -> l.forEach(w -> ctx.respondError(w, Errno.ENOTSUP.number(), null)));
            n.versionWaiters.clear();
            n.queue.forEach(c -> c.requests.forEach(r -> ctx.respondError(r, Errno.ENOTSUP.number(), null)));
            n.queue.clear();
            releaseHeld(n); // those commits were applied before the namespace went away
        }
        ctx.respond(m, null);
    }

    private void namespaceList(Message m) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("namespaces");
        for (Namespace n : namespaces.values()) {
            ObjectNode e = a.addObject();
            e.put("namespace", n.name);
            e.put("owner", n.owner);
            e.put("flags", n.flags);
        }
        ctx.respond(m, o);
    }

    // ---------------------------------------------------------------- setroot-pause, setroot-unpause

    /*
     * flux-core's test hook: a rank stops applying a namespace's setroot events until unpaused.
     * There, every rank (rank 0 too) answers its commits when it applies the setroot event of
     * the root that holds them, so while paused those answers wait; on a rank other than 0 the
     * rank's copy of the namespace also stays at its old root. Here a rank other than 0 keeps
     * no copy (it forwards every request to rank 0), so what remains is the part about
     * answers: while a namespace is paused on a rank, the commits and fences made through that
     * rank are applied and published as ever, but their answers are held, and unpause sends
     * them in order. Lookups and wait-version on a paused rank still see the current root.
     */

    private void setrootPause(Message m) throws RequestException {
        Namespace n = namespace(m, Request.of(m).string("namespace"));
        n.paused = true;
        ctx.respond(m, null);
    }

    private void setrootUnpause(Message m) throws RequestException {
        Namespace n = namespace(m, Request.of(m).string("namespace"));
        n.paused = false;
        releaseHeld(n);
        ctx.respond(m, null);
    }

    private void releaseHeld(Namespace n) {
        List<Map.Entry<Message, ObjectNode>> held = List.copyOf(n.held);
        n.held.clear();
        held.forEach(e -> ctx.respond(e.getKey(), e.getValue()));
    }

    // ---------------------------------------------------------------- stats, disconnect

    private void stats(Message m) {
        ObjectNode o = Json.object();
        ObjectNode c = o.putObject("cache");
        List<Integer> sizes = ready && fatal == null ? cache.sizes() : List.of();
        c.put("obj size total (MiB)", (cache == null ? 0 : cache.bytes()) / 1048576.0);
        c.set("obj size (KiB)", tstat(sizes.stream().mapToDouble(i -> i).toArray(), 1e-3));
        c.put("#obj dirty", 0);
        c.put("#obj incomplete", 0);
        c.put("#faults", cache == null ? 0 : cache.faults());
        ObjectNode ns = o.putObject("namespace");
        for (Namespace n : namespaces.values()) {
            ObjectNode s = ns.putObject(n.name);
            s.put("#versionwaiters", n.versionWaiters.values().stream().mapToInt(List::size).sum());
            s.put("#no-op stores", 0);
            s.put("#transactions", n.queue.size() + n.held.size());
            s.put("#readytransactions", n.queue.size());
            s.put("store revision", n.seq);
        }
        ObjectNode t = o.putObject("transaction-opcount");
        ObjectNode ct = t.putObject("commit");
        long commits = pipeline == null ? 0 : pipeline.commits();
        long commitOps = pipeline == null ? 0 : pipeline.commitOps();
        ct.put("count", commits);
        ct.put("min", 0);
        ct.put("mean", commits == 0 ? 0.0 : (double) commitOps / commits);
        ct.put("stddev", 0.0);
        ct.put("max", 0);
        o.put("pending_requests", early.size());
        ctx.respond(m, o);
    }

    private static ObjectNode tstat(double[] v, double scale) {
        ObjectNode o = Json.object();
        double sum = 0;
        double min = v.length == 0 ? 0 : Double.MAX_VALUE;
        double max = 0;
        for (double d : v) {
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double mean = v.length == 0 ? 0 : sum / v.length;
        double var = 0;
        for (double d : v) {
            var += (d - mean) * (d - mean);
        }
        o.put("count", v.length);
        o.put("min", (long) (min * scale));
        o.put("mean", mean * scale);
        o.put("stddev", v.length > 1 ? Math.sqrt(var / (v.length - 1)) * scale : 0.0);
        o.put("max", (long) (max * scale));
        return o;
    }

    /** A client went away: its part of any fence still gathering is dropped. */
    private void disconnect(Message m) {
        String sender = m.routeFirst();
        for (var it = fences.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Namespace.Commit> e = it.next();
            e.getValue().requests.removeIf(r -> sender != null && sender.equals(r.routeFirst()));
            if (e.getValue().requests.isEmpty()) {
                fenceSizes.remove(e.getKey());
                it.remove();
            }
        }
    }

    // ---------------------------------------------------------------- errors

    private void respondError(Message m, Throwable e) {
        KvsErrors.respondError(ctx, m, e);
    }
}
