package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.job.JobState;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.RequestHandler;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The job manager (flux-core src/modules/job-manager), as far as jobs go without a scheduler:
 * {@code job-manager.submit} takes job-ingest's batches and posts {@code submit} and
 * {@code validate}; each job then goes DEPEND -> PRIORITY -> SCHED ({@code depend},
 * {@code priority} with priority-default's value). {@code job-manager.urgency} (RFC 30),
 * {@code job-manager.raise} (a severity-0 exception, cancel among them, ends a job not yet
 * running: CLEANUP, {@code clean}, INACTIVE), {@code job-manager.getinfo}, {@code job-manager.wait}
 * ({@link Wait}). On load the active
 * jobs are rebuilt from their eventlogs ({@link Restart}); requests wait until then.
 */
@FluxModule("job-manager")
@Component(service = BrokerModule.class)
public final class JobManager implements BrokerModule {
    /** FLUX_USERID_UNKNOWN: every user's jobs. */
    private static final long USERID_ANY = 0xffffffffL;

    private ModuleContext ctx;
    private EventBatch events;
    private Wait wait;
    private final Map<Long, Job> active = new HashMap<>();
    private final Set<Long> inactive = new HashSet<>();
    private long maxJobid;
    private boolean ready;
    private final List<Runnable> early = new ArrayList<>();

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        events = new EventBatch(ctx);
        wait = new Wait(ctx);
        ctx.onRequest("job-manager.submit", whenReady(this::submit));
        ctx.onRequest("job-manager.wait", whenReady(m -> wait.request(m, active)));
        ctx.onRequest("job-manager.disconnect", Roles.USER, m -> wait.disconnect(m, active.values()));
        ctx.onRequest("job-manager.getinfo", Roles.USER, whenReady(this::getinfo));
        ctx.onRequest("job-manager.urgency", Roles.USER, whenReady(this::urgency));
        ctx.onRequest("job-manager.raise", Roles.USER, whenReady(this::raise));
        ctx.onRequest("job-manager.raiseall", Roles.USER, whenReady(this::raiseall));
        new Restart(ctx).run().whenComplete((jobs, err) -> {
            if (err != null) {
                ctx.log(Severity.ERR, "restart: %s", err.getMessage());
            } else {
                for (Job j : jobs) {
                    restore(j);
                }
                ctx.log(Severity.DEBUG, "restart: %d active jobs", active.size());
            }
            ready = true;
            early.forEach(Runnable::run);
            early.clear();
        });
    }

    /** Holds requests that arrive while the jobs are being rebuilt. */
    private RequestHandler whenReady(RequestHandler h) {
        return m -> {
            if (ready) {
                h.handle(m);
                return;
            }
            early.add(() -> {
                try {
                    h.handle(m);
                } catch (Exception e) {
                    RequestException answer = RequestException.of(e);
                    ctx.respondError(m, answer.errno().number(), answer.getMessage());
                }
            });
        };
    }

    /** A job read back from the KVS: kept if active, and moved on from where it stopped. */
    private void restore(Job j) {
        maxJobid = Math.max(maxJobid, j.id);
        if (j.state == JobState.INACTIVE) {
            inactive.add(j.id);
            return;
        }
        active.put(j.id, j);
        if (j.waitable()) {
            wait.active(j);
        }
        if (j.state == JobState.NEW) {
            post(j, "validate", null);
        }
        advance(j);
    }

    /**
     * {@code {"jobs": [{id, userid, urgency, t_submit, flags, jobspec}, ...]}}, answered with
     * {@code {"errors": [[id, reason], ...]}} once the jobs' first events are stored.
     */
    private void submit(Message m) throws RequestException {
        ArrayNode jobs = Request.of(m).array("jobs");
        ArrayNode errors = Json.array();
        List<Job> accepted = new ArrayList<>();
        for (JsonNode o : jobs) {
            if (!o.path("id").canConvertToLong() || !o.path("userid").canConvertToLong()
                    || !o.path("urgency").canConvertToInt() || !o.path("flags").canConvertToInt()
                    || !o.path("t_submit").isNumber()) {
                throw new RequestException(Errno.EPROTO, "malformed job entry");
            }
            Job j = new Job(o.path("id").asLong());
            if (active.containsKey(j.id) || inactive.contains(j.id)) {
                errors.addArray().add(j.id).add("job id is already in use");
                continue;
            }
            ObjectNode c = Json.object();
            c.put("userid", o.path("userid").asLong());
            c.put("urgency", o.path("urgency").asInt());
            c.put("flags", o.path("flags").asInt());
            c.put("version", 1);
            post(j, EventlogEntry.of(o.path("t_submit").asDouble(), "submit", c));
            active.put(j.id, j);
            if (j.waitable()) {
                wait.active(j);
            }
            maxJobid = Math.max(maxJobid, j.id);
            accepted.add(j);
        }
        for (Job j : accepted) {
            post(j, "validate", null);
            advance(j);
        }
        events.whenStored(err -> { // not stored: job-ingest withdraws them, so forget them too
            if (err != null) {
                accepted.forEach(j -> {
                    active.remove(j.id);
                    if (j.waitable()) {
                        wait.withdrawn(j);
                    }
                });
            }
        });
        ObjectNode resp = Json.object();
        resp.set("errors", errors);
        events.respondAfter(m, resp);
    }

    private void getinfo(Message m) {
        ObjectNode o = Json.object();
        o.put("max_jobid", maxJobid);
        ctx.respond(m, o);
    }

    /** {@code {id, urgency}} -> {@code {old_urgency}}; guests lower only their own jobs'. */
    private void urgency(Message m) throws RequestException {
        Request r = Request.of(m);
        long id = r.longInteger("id");
        int urgency = r.integer("urgency");
        if (urgency < Job.URGENCY_HOLD || urgency > Job.URGENCY_EXPEDITE) {
            throw new RequestException(Errno.EINVAL, "urgency value is out of range");
        }
        Job j = owned(m, id, Errno.EINVAL, "unknown job", "guests can only reprioritize their own jobs");
        if ((m.rolemask() & Roles.OWNER) == 0 && urgency > Math.max(Job.URGENCY_DEFAULT, j.urgency)) {
            throw new RequestException(Errno.EPERM, "guests can only adjust urgency <= default");
        }
        int old = j.urgency;
        ObjectNode c = Json.object();
        c.put("userid", Integer.toUnsignedLong(m.userid()));
        c.put("urgency", urgency);
        post(j, "urgency", c);
        if (j.state == JobState.SCHED && j.priority != j.defaultPriority()) {
            postPriority(j);
        }
        ObjectNode o = Json.object();
        o.put("old_urgency", old);
        ctx.respond(m, o);
    }

    /** {@code {id, severity, type, note?}}: an exception event; severity 0 ends the job. */
    private void raise(Message m) throws RequestException {
        Request r = Request.of(m);
        long id = r.longInteger("id");
        JobException e = JobException.read(r).check();
        Job j = owned(m, id, Errno.ENOENT, "unknown job id", "guests can only raise exceptions on their own jobs");
        raise(j, m.userid(), e);
        ctx.respond(m, null);
    }

    /**
     * {@code {dry_run, userid, states, severity, type, note?}} -> {@code {count, errors}}: the
     * exception on every active job of {@code userid} (any user's: FLUX_USERID_UNKNOWN, the
     * owner's only) in {@code states}, what {@code flux cancel --all} asks.
     */
    private void raiseall(Message m) throws RequestException {
        Request r = Request.of(m);
        boolean dryRun = r.bool("dry_run");
        long userid = r.longInteger("userid");
        int states = r.integer("states");
        JobException e = JobException.read(r);
        if (!m.authorizes((int) userid)) {
            throw new RequestException(Errno.EPERM, "guests can only raise exceptions on their own jobs");
        }
        e.check();
        List<Job> targets = active.values().stream()
                .filter(j -> (j.state.bit & states) != 0 && (userid == USERID_ANY || j.userid == userid))
                .toList();
        if (!dryRun) {
            targets.forEach(j -> raise(j, m.userid(), e));
        }
        ObjectNode o = Json.object();
        o.put("count", targets.size());
        o.put("errors", 0);
        ctx.respond(m, o);
    }

    private void raise(Job j, int userid, JobException e) {
        ObjectNode c = Json.object();
        c.put("type", e.type());
        c.put("severity", e.severity());
        c.put("note", e.note());
        c.put("userid", Integer.toUnsignedLong(userid));
        post(j, "exception", c);
        ObjectNode pub = Json.object();
        pub.put("id", j.id);
        pub.put("type", e.type());
        pub.put("severity", e.severity());
        ctx.publish("job-exception", pub, 0);
        advance(j);
    }

    /** The active job the requester may act on (its own, or any for the owner), in flux-core's words if not. */
    private Job owned(Message m, long id, Errno errno, String unknown, String notYours) throws RequestException {
        Job j = active.get(id);
        if (j == null) {
            throw new RequestException(errno, inactive.contains(id) ? "job is inactive" : unknown);
        }
        if (!m.authorizes((int) j.userid)) {
            throw new RequestException(Errno.EPERM, notYours);
        }
        return j;
    }

    /** Posts what the job's state calls for, until it waits on something (the scheduler). */
    private void advance(Job j) {
        switch (j.state) {
            case DEPEND -> {
                post(j, "depend", null);
                advance(j);
            }
            case PRIORITY -> {
                postPriority(j);
                advance(j);
            }
            case CLEANUP -> {
                post(j, "clean", null);
                advance(j);
            }
            case INACTIVE -> {
                active.remove(j.id);
                inactive.add(j.id);
                if (j.waitable()) {
                    wait.inactive(j);
                }
            }
            default -> {
                // SCHED waits for a scheduler (to come); RUN for job-exec
            }
        }
    }

    private void postPriority(Job j) {
        ObjectNode c = Json.object();
        c.put("priority", j.defaultPriority());
        post(j, "priority", c);
    }

    private void post(Job j, String name, ObjectNode context) {
        post(j, EventlogEntry.of(0, name, context)); // timestamp 0: now
    }

    private void post(Job j, EventlogEntry e) {
        j.apply(e);
        events.append(j.id, e);
    }

    @Override
    public CompletionStage<Void> drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        events.whenStored(err -> done.complete(null));
        events.flush();
        return done;
    }
}
