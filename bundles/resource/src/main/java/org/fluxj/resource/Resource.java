package org.fluxj.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.rset.ResourceSet;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.RequestHandler;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The resource module (flux-core src/modules/resource), rank 0's part: it defines the
 * instance's R ({@link Inventory}) and stores it at {@code resource.R}, posts resource-define,
 * drain and undrain to {@code resource.eventlog} ({@link Reslog}), replays that eventlog at load
 * so drains survive a restart ({@link Drains}), follows {@code broker.online} for which ranks
 * are up, and answers {@code resource.status}, {@code resource.sched-status},
 * {@code resource.drain} and {@code resource.undrain}. Requests that come before R is defined
 * wait for it. On other ranks the status requests are refused, as flux-core refuses them.
 */
@FluxModule("resource")
@Component(service = BrokerModule.class)
public final class Resource implements BrokerModule {
    private ModuleContext ctx;
    private ResourceSettings settings;
    private Reslog reslog;
    private final Drains drains = new Drains();
    private ResourceSet r;
    private IdSet exclude = new IdSet();
    private IdSet online = new IdSet();
    /** Requests that came before R was defined, answered once it is. */
    private List<Runnable> waiting = new ArrayList<>();
    /** Why R could not be defined, if it could not: every request is answered with it. */
    private String failure;
    /** Set once unloading: the groups.get stream then ends, which is no error. */
    private boolean stopping;

    @Override
    public void start(ModuleContext context) throws Exception {
        ctx = context;
        settings = ResourceSettings.of(ctx.config());
        Optional<ResourceSet> configured = Inventory.configured(settings);
        if (ctx.rank() > 0) {
            RequestHandler refuse = m -> {
                throw new RequestException(Errno.EPROTO, "this RPC only works on rank 0");
            };
            ctx.onRequest("resource.status", Roles.USER, refuse);
            ctx.onRequest("resource.sched-status", Roles.USER, refuse);
            return;
        }
        reslog = new Reslog(ctx);
        ctx.onRequest("resource.status", Roles.USER, whenDefined(m -> ctx.respond(m, status())));
        ctx.onRequest("resource.sched-status", Roles.USER, whenDefined(m -> ctx.respond(m, schedStatus())));
        ctx.onRequest("resource.drain", whenDefined(this::drain));
        ctx.onRequest("resource.undrain", whenDefined(this::undrain));
        ctx.onConfigReload(m -> ResourceSettings.of(ctx.config()));
        Inventory.lookup(ctx, Reslog.KEY)
                .thenCompose(log -> {
                    replay(log);
                    return configured.isPresent() ? Inventory.done(configured.get()) : Inventory.fromKvsOrProbe(ctx);
                })
                .thenCompose(this::define)
                .whenComplete((v, err) -> {
                    if (err != null) {
                        failure = Rpc.cause(err).getMessage();
                        ctx.log(Severity.ERR, "%s", failure);
                    } else {
                        followOnline();
                    }
                    List<Runnable> w = waiting;
                    waiting = null;
                    w.forEach(Runnable::run);
                });
    }

    @Override
    public void stop() {
        stopping = true;
    }

    /** Drains and undrains from the eventlog a previous run left. */
    private void replay(Optional<String> log) {
        if (log.isEmpty()) {
            return;
        }
        try {
            for (EventlogEntry e : Eventlog.decode(log.get())) {
                drains.apply(e);
            }
        } catch (FormatException e) {
            throw new IllegalStateException(Reslog.KEY + ": " + e.getMessage());
        }
    }

    /** Keeps R, works out the excluded ranks, stores R unless it came from the KVS, posts resource-define. */
    private CompletionStage<?> define(Inventory.Defined d) {
        r = d.r();
        if (settings.exclude() != null) {
            try {
                exclude = Inventory.targets(r, settings.exclude());
            } catch (FormatException e) {
                throw new IllegalStateException("resource.exclude: " + e.getMessage());
            }
        }
        CompletionStage<?> stored = d.method().equals("kvs")
                ? Inventory.done(r)
                : reslog.put(Inventory.KEY, JanssonText.compact(r.toJson()));
        ObjectNode context = Json.object();
        context.put("method", d.method());
        return stored.thenCompose(x -> reslog.post(EventlogEntry.of(now(), "resource-define", context), true));
    }

    /** broker.online from the groups service: online and offline events as ranks come and go. */
    private void followOnline() {
        ObjectNode o = Json.object();
        o.put("name", "broker.online");
        ctx.rpc("groups.get", 0, o, MessageFlags.STREAMING).stream(m -> {
            try {
                IdSet now = IdSet.decode(m.payloadObject().path("members").asText(""));
                post("online", now.difference(online));
                post("offline", online.difference(now));
                online = now;
            } catch (FormatException e) {
                ctx.log(Severity.ERR, "groups.get: %s", e.getMessage());
            }
        }).whenComplete((v, err) -> {
            if (err != null && !stopping) {
                ctx.log(Severity.ERR, "groups.get broker.online: %s", Rpc.cause(err).getMessage());
            }
        });
    }

    private void post(String name, IdSet ids) {
        if (!ids.isEmpty()) {
            ObjectNode context = Json.object();
            context.put("idset", ids.encode(IdSet.Flag.RANGE));
            reslog.post(EventlogEntry.of(now(), name, context), false);
        }
    }

    /** Runs {@code h} now if R is defined, else once it is; if it could not be, answers why. */
    private RequestHandler whenDefined(RequestHandler h) {
        return m -> {
            if (waiting != null) {
                waiting.add(() -> run(h, m));
            } else {
                run(h, m);
            }
        };
    }

    private void run(RequestHandler h, Message m) {
        try {
            if (failure != null) {
                throw new RequestException(Errno.EAGAIN, "resource: " + failure);
            }
            h.handle(m);
        } catch (Exception e) {
            RequestException re = RequestException.of(e);
            ctx.respondError(m, re.errno().number(), re.getMessage());
        }
    }

    private ObjectNode status() {
        ObjectNode o = Json.object();
        ObjectNode rj = r.toJson();
        rj.remove("scheduling");
        o.set("R", rj);
        o.set("drain", drains.toJson());
        o.put("online", online.encode(IdSet.Flag.RANGE));
        o.put("offline", IdSet.range(0, size() - 1).difference(online).encode(IdSet.Flag.RANGE));
        o.put("exclude", exclude.encode(IdSet.Flag.RANGE));
        o.put("torpid", "");
        return o;
    }

    /** What sched.resource-status would say: all (less exclusions), down, and nothing allocated yet. */
    private ObjectNode schedStatus() {
        ResourceSet all = r.removeRanks(exclude);
        IdSet down = all.ranks().difference(online);
        down.add(drains.ranks());
        ObjectNode o = Json.object();
        o.set("all", all.toJson());
        o.set("down", all.copyRanks(down).toJson());
        o.set("allocated", ResourceSet.empty().toJson());
        return o;
    }

    private void drain(Message m) throws RequestException {
        Request req = Request.of(m);
        IdSet ids = targets(req.string("targets"));
        String reason = req.string("reason", null);
        String mode = req.string("mode", null);
        if (mode == null) {
            drains.checkDrain(ids, exclude);
        }
        post(m, "drain", ids, reason, overwrite(mode, "Invalid mode specified"));
    }

    private void undrain(Message m) throws RequestException {
        Request req = Request.of(m);
        IdSet ids = targets(req.string("targets"));
        String reason = req.string("reason", null);
        String mode = req.string("mode", null);
        if (mode == null) {
            drains.checkUndrain(ids);
        }
        post(m, "undrain", ids, reason, overwrite(mode, "invalid undrain mode '" + mode + "' specified"));
    }

    /** A mode as flux-core's overwrite level: none or update 0, overwrite 1, force-overwrite 2. */
    private static int overwrite(String mode, String invalid) throws RequestException {
        if (mode == null) {
            return 0;
        }
        return switch (mode) {
            case "update" -> 0;
            case "overwrite" -> 1;
            case "force-overwrite" -> 2;
            default -> throw new RequestException(Errno.EINVAL, invalid);
        };
    }

    /**
     * Applies a drain or undrain at once, logs it, and answers once it is in the KVS eventlog.
     * The context is flux-core's, key order included (a drain without a reason has none, so
     * that it replays as reason=NULL).
     */
    private void post(Message m, String name, IdSet ids, String reason, int overwrite) throws RequestException {
        ObjectNode context = Json.object();
        context.put("idset", ids.encode(IdSet.Flag.RANGE));
        context.put("nodelist", nodelist(ids));
        if (reason != null && name.equals("drain")) {
            context.put("reason", reason);
        }
        context.put("overwrite", overwrite);
        if (reason != null) {
            context.put("reason", reason); // undrain: after overwrite; a drain's stays where it was put
        }
        EventlogEntry e = EventlogEntry.of(now(), name, context);
        try {
            drains.apply(e);
        } catch (FormatException ex) {
            throw new RequestException(Errno.EPROTO, ex.getMessage());
        }
        ctx.log(Severity.INFO, "%s idset=%s nodelist=%s overwrite=%d reason=%s", name,
                context.get("idset").asText(), context.get("nodelist").asText(), overwrite,
                reason == null ? "" : reason);
        reslog.post(e, true).whenComplete((v, err) -> {
            if (err == null) {
                ctx.respond(m, null);
            } else {
                RequestException re = RequestException.of(Rpc.cause(err));
                ctx.respondError(m, re.errno().number(), Reslog.KEY + ": " + re.getMessage());
            }
        });
    }

    /** drain_targets_decode: an idset or a hostlist, not empty, within the instance. */
    private IdSet targets(String targets) throws RequestException {
        IdSet ids;
        try {
            ids = Inventory.targets(r, targets);
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, e.getMessage());
        }
        if (ids.isEmpty()) {
            throw new RequestException(Errno.EINVAL, "idset is empty");
        }
        if (ids.last() >= size()) {
            throw new RequestException(Errno.EINVAL, "idset is out of range");
        }
        return ids;
    }

    /** The ranks' hostnames from R, as flux_hostmap_lookup gives them. */
    private String nodelist(IdSet ids) {
        return r.copyRanks(ids).nodelist().map(Hostlist::encode).orElse("");
    }

    /** max(broker size, R's highest rank + 1), as flux-core sizes its drain table. */
    private int size() {
        return Math.max(ctx.size(), r.isEmpty() ? 0 : r.ranks().last() + 1);
    }

    private static double now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
