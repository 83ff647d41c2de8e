package org.fluxj.job.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.Fluid;
import org.fluxj.formats.fluid.FluidGenerator;
import org.fluxj.formats.jobspec.SubmitFlags;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.sign.SignNone;
import org.fluxj.job.ingest.api.JobFrobnicator;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobPlugins;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.JobValidator;
import org.fluxj.job.ingest.api.SubmitContext;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The job-ingest module (flux-core src/modules/job-ingest). {@code job-ingest.submit}
 * {@code {J, urgency, flags}}: checks the request, unwraps J (RFC 12, mechanism none), runs the
 * configured frobnicators then validators, gives the job a FLUID, and adds it to the current
 * batch; a batch is written to the KVS in one commit after {@value #BATCH_TIMEOUT_MS} ms (or
 * {@code [ingest] batch-count} jobs), announced with one {@code job-manager.submit}, and each
 * submitter answered with its id, or the job manager's reason. The plugins are services found
 * by their {@link JobPlugin} name.
 */
@FluxModule("job-ingest")
@Component(service = BrokerModule.class)
public final class JobIngest implements BrokerModule {
    static final long BATCH_TIMEOUT_MS = 10;
    static final int URGENCY_MIN = 0;
    static final int URGENCY_DEFAULT = 16;
    static final int URGENCY_MAX = 31;
    /** RFC 19 leaves 2^14 generators; flux-core reserves the top 16. */
    static final int MAX_GENERATOR = Fluid.MAX_GENERATORS - 16 - 1;

    // bound by DS on its own threads, read on the module's
    private final Map<String, JobValidator> validators = new ConcurrentHashMap<>();
    private final Map<String, JobFrobnicator> frobnicators = new ConcurrentHashMap<>();

    private ModuleContext ctx;
    private IngestConfig config;
    private FluidGenerator generator;
    /** Accepted jobs waiting for the generator (until the job manager says where ids resume). */
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private Batch batch;
    private ModuleContext.Timer batchTimer;
    /** Batches written or announced but not yet answered; an unload waits for them. */
    private int inFlight;
    private final List<CompletableFuture<Void>> drained = new ArrayList<>();

    @Reference(service = JobValidator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addValidator(JobValidator v, Map<String, Object> props) {
        validators.put(name(v, props), v);
    }

    void removeValidator(JobValidator v, Map<String, Object> props) {
        validators.remove(name(v, props), v);
    }

    @Reference(service = JobFrobnicator.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addFrobnicator(JobFrobnicator f, Map<String, Object> props) {
        frobnicators.put(name(f, props), f);
    }

    void removeFrobnicator(JobFrobnicator f, Map<String, Object> props) {
        frobnicators.remove(name(f, props), f);
    }

    private static String name(Object plugin, Map<String, Object> props) {
        Object n = props.get(JobPlugin.NAME);
        return n != null ? n.toString() : JobPlugins.nameOf(plugin);
    }

    @Override
    public void start(ModuleContext context) throws Exception {
        ctx = context;
        if (ctx.rank() > MAX_GENERATOR) {
            throw new FormatException("job-ingest: rank " + ctx.rank() + " is beyond the last FLUID generator id");
        }
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), IngestConfig.ARGS);
        config = IngestConfig.read(ctx.config(), validators.keySet(), frobnicators.keySet())
                .withArgs(args, validators.keySet());
        ctx.onConfigReload(m -> config = IngestConfig.read(ctx.config(), validators.keySet(), frobnicators.keySet())
                .withArgs(args, validators.keySet()));
        ctx.onRequest("job-ingest.submit", Roles.USER, this::submit);
        startGenerator();
    }

    /**
     * Ids resume after the largest the job manager knows (so a restarted instance never reuses
     * one); on ranks other than 0, or without a job manager, from now on the FLUID clock.
     */
    private void startGenerator() {
        ctx.rpc("job-manager.getinfo", Json.object()).response().whenComplete((m, err) -> {
            long timestamp = 0;
            if (err == null) {
                try {
                    timestamp = Fluid.timestamp(m.payloadObject().path("max_jobid").asLong(0)) + 1;
                } catch (FormatException e) {
                    ctx.log(Severity.ERR, "job-manager.getinfo: %s", e.getMessage());
                }
            } else {
                ctx.log(Severity.DEBUG, "job-manager.getinfo: %s", Rpc.cause(err).getMessage());
            }
            generator = new FluidGenerator(ctx.rank(), timestamp);
            while (!waiting.isEmpty()) {
                waiting.poll().run();
            }
        });
    }

    private void submit(Message m) throws RequestException {
        Request r = Request.of(m);
        String signed = r.string("J");
        int urgency = r.integer("urgency");
        int flags = r.integer("flags");
        boolean owner = (m.rolemask() & Roles.OWNER) != 0;
        if ((flags & ~SubmitFlags.ALL) != 0) {
            throw new RequestException(Errno.EPROTO, "invalid job flags");
        }
        if (!owner && (flags & SubmitFlags.NOVALIDATE) != 0) {
            throw new RequestException(Errno.EPERM, "only the instance owner can submit with FLUX_JOB_NOVALIDATE");
        }
        if (urgency < URGENCY_MIN || urgency > URGENCY_MAX) {
            throw new RequestException(Errno.EINVAL, "urgency range is [" + URGENCY_MIN + ":" + URGENCY_MAX + "]");
        }
        if (!owner && urgency > URGENCY_DEFAULT) {
            throw new RequestException(Errno.EINVAL, "only the instance owner can submit with urgency >" + URGENCY_DEFAULT);
        }
        if (!owner && (flags & SubmitFlags.WAITABLE) != 0) {
            throw new RequestException(Errno.EINVAL, "only the instance owner can submit with FLUX_JOB_WAITABLE");
        }
        SignNone.Unwrapped u;
        try {
            u = SignNone.unwrap(signed);
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, "could not unwrap jobspec: " + e.getMessage());
        }
        long requestor = Integer.toUnsignedLong(m.userid());
        if (u.userid() != requestor) {
            throw new RequestException(Errno.EPERM, "signer=" + u.userid() + " != requestor=" + requestor);
        }
        if (!owner) { // mechanism none proves nothing of a guest: flux-core asks for a real signature
            throw new RequestException(Errno.EPERM, "only instance owner can use sign-type=none");
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(new String(u.payload(), StandardCharsets.UTF_8), "jobspec");
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, "jobspec: invalid JSON: " + e.getMessage());
        }
        if (!parsed.isObject()) {
            throw new RequestException(Errno.EINVAL, "jobspec: expected a mapping at top level");
        }
        ObjectNode jobspec = (ObjectNode) parsed;
        SubmitContext sc = new SubmitContext(requestor, m.rolemask(), urgency, flags, ctx.config());
        try {
            for (String name : config.frobnicators()) {
                plugin(frobnicators, name, "frobnicator").frobnicate(jobspec, sc);
            }
            if ((flags & SubmitFlags.NOVALIDATE) == 0) {
                for (String name : config.validators()) {
                    plugin(validators, name, "validator").validate(jobspec, sc);
                }
            }
        } catch (JobRejectedException e) {
            Errno errno = Errno.of(e.errnum());
            throw new RequestException(errno == null ? Errno.EINVAL : errno, e.getMessage());
        }
        Runnable accept = () -> accept(m, signed, jobspec, urgency, flags);
        if (generator == null) {
            waiting.add(accept);
        } else {
            accept.run();
        }
    }

    /** A configured plugin; one whose bundle has gone refuses the job rather than skip a check. */
    private static <P> P plugin(Map<String, P> plugins, String name, String family) throws JobRejectedException {
        P p = plugins.get(name);
        if (p == null) {
            throw new JobRejectedException(Errno.ENOSYS.number(), family + " plugin '" + name + "' is not available");
        }
        return p;
    }

    private void accept(Message m, String signed, ObjectNode jobspec, int urgency, int flags) {
        if (batch == null) {
            batch = new Batch();
            if (config.batchCount() == 0) {
                batchTimer = ctx.schedule(Duration.ofMillis(BATCH_TIMEOUT_MS), this::flush);
            }
        }
        batch.add(m, generator.generate(), signed, jobspec, urgency, flags);
        if (config.batchCount() > 0 && batch.size() >= config.batchCount()) {
            flush();
        }
    }

    /** Writes the batch to the KVS, then announces it to the job manager. */
    private void flush() {
        Batch b = batch;
        batch = null;
        if (batchTimer != null) {
            batchTimer.cancel();
            batchTimer = null;
        }
        if (b == null) {
            return;
        }
        inFlight++;
        ctx.rpc("kvs.commit", b.commit()).response().whenComplete((resp, err) -> {
            if (err != null) {
                for (Batch.Job j : b.jobs()) {
                    ctx.respondError(j.request(), RequestException.of(Rpc.cause(err)).errno().number(), "KVS commit failed");
                }
                answered();
                return;
            }
            announce(b);
        });
    }

    private void answered() {
        if (--inFlight == 0) {
            drained.forEach(d -> d.complete(null));
            drained.clear();
        }
    }

    /** On unload the current batch is written and announced, and every submitter answered. */
    @Override
    public CompletionStage<Void> drain() {
        flush();
        if (inFlight == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> d = new CompletableFuture<>();
        drained.add(d);
        return d;
    }

    /**
     * {@code job-manager.submit}: answered {@code {"errors": [[id, reason], ...]}} naming the jobs
     * it refused; those are answered with the reason and removed from the KVS again.
     */
    private void announce(Batch b) {
        ctx.rpc("job-manager.submit", b.announce()).response().whenComplete((resp, err) -> {
            Map<Long, String> refused = new HashMap<>();
            RequestException failed = null;
            if (err != null) {
                failed = RequestException.of(Rpc.cause(err));
            } else {
                try {
                    for (JsonNode e : resp.payloadObject().path("errors")) {
                        refused.put(e.path(0).asLong(), e.path(1).asText());
                    }
                } catch (FormatException e) {
                    failed = new RequestException(Errno.EPROTO, "job-manager.submit: " + e.getMessage());
                }
            }
            List<Batch.Job> cleanup = new ArrayList<>();
            for (Batch.Job j : b.jobs()) {
                if (failed != null) {
                    ctx.respondError(j.request(), failed.errno().number(), failed.getMessage());
                    cleanup.add(j);
                } else if (refused.containsKey(j.id())) {
                    ctx.respondError(j.request(), Errno.EINVAL.number(), refused.get(j.id()));
                    cleanup.add(j);
                } else {
                    ObjectNode o = Json.object();
                    o.put("id", j.id());
                    ctx.respond(j.request(), o);
                }
            }
            answered();
            if (!cleanup.isEmpty()) {
                ctx.rpc("kvs.commit", Batch.cleanup(cleanup)).response().whenComplete((r2, e2) -> {
                    if (e2 != null) {
                        ctx.log(Severity.ERR, "KVS cleanup failure: %s", Rpc.cause(e2).getMessage());
                    }
                });
            }
        });
    }

    @Override
    public void stop() {
        if (batchTimer != null) {
            batchTimer.cancel();
        }
    }
}
