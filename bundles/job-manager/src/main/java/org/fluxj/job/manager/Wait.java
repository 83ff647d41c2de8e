package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Request;
import org.fluxj.kernel.api.RequestException;

/**
 * {@code job-manager.wait} (flux-core's wait.c, what {@code flux job wait} asks): a job
 * submitted waitable is kept, once inactive, as a zombie until someone waits for it, as
 * wait(2) keeps a child. A wait names a job, or any ({@code FLUX_JOBID_ANY}); it is answered
 * {@code {id, success, errstr}} when the job ends, and fails with ECHILD when there is nothing
 * left it could ever get.
 */
final class Wait {
    static final long ANY = -1L; // FLUX_JOBID_ANY, (flux_jobid_t)-1

    private final ModuleContext ctx;
    private final Map<Long, Job> zombies = new LinkedHashMap<>();
    private final Deque<Message> anyRequests = new ArrayDeque<>();
    private int waiters; // waits on one active job
    private int waitables; // active waitable jobs

    Wait(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** A waitable job became active (submitted, or rebuilt at restart). */
    void active(Job j) {
        waitables++;
    }

    /** A waitable job was never stored after all (its submit failed). */
    void withdrawn(Job j) {
        waitables--;
    }

    /** A waitable job became inactive: its waiter, else the oldest wait for any, else a zombie. */
    void inactive(Job j) {
        if (j.waiter != null) {
            respond(j.waiter, j);
            j.waiter = null;
            waiters--;
        } else if (!anyRequests.isEmpty()) {
            respond(anyRequests.poll(), j);
        } else {
            zombies.put(j.id, j);
        }
        waitables--;
    }

    void request(Message m, Map<Long, Job> active) throws RequestException {
        long id = Request.of(m).longInteger("id");
        if (id == ANY) {
            Job z = zombies.isEmpty() ? null : zombies.values().iterator().next();
            if (z != null) {
                zombies.remove(z.id);
                respond(m, z);
            } else {
                anyRequests.add(m);
            }
        } else if (zombies.containsKey(id)) {
            respond(m, zombies.remove(id));
        } else {
            Job j = active.get(id);
            if (j == null) {
                throw new RequestException(Errno.ECHILD, "invalid job id, or job may be inactive and not waitable");
            }
            if (j.waiter != null) {
                throw new RequestException(Errno.ECHILD, "job id already has a waiter");
            }
            if (!j.waitable()) {
                throw new RequestException(Errno.ECHILD, "job was not submitted with FLUX_JOB_WAITABLE");
            }
            j.waiter = m;
            waiters++;
        }
        // more waits than waitable jobs: the newest wait for any can never be answered
        if (anyRequests.size() + waiters > waitables && !anyRequests.isEmpty()) {
            ctx.respondError(anyRequests.pollLast(), Errno.ECHILD.number(), "there are no more waitable jobs");
        }
    }

    /** A client went away: its waits go with it. */
    void disconnect(Message m, Collection<Job> active) {
        String client = m.routeFirst();
        for (Job j : active) {
            if (j.waiter != null && client != null && client.equals(j.waiter.routeFirst())) {
                j.waiter = null;
                waiters--;
            }
        }
        anyRequests.removeIf(r -> client != null && client.equals(r.routeFirst()));
    }

    /** {@code {id, success, errstr}} from the event that ended the job. */
    private void respond(Message m, Job j) {
        ObjectNode o = Json.object();
        o.put("id", j.id);
        JsonNode c = j.endEvent != null && j.endEvent.hasContext() ? j.endEvent.context() : Json.object();
        if (j.endEvent != null && j.endEvent.name().equals("exception")) {
            o.put("success", false);
            o.put("errstr", "Fatal exception type=" + c.path("type").asText() + " " + c.path("note").asText());
        } else if (j.endEvent != null && j.endEvent.name().equals("finish")) {
            int status = c.path("status").asInt();
            o.put("success", WaitStatus.shellCode(status) == 0);
            o.put("errstr", WaitStatus.jobError(status));
        } else {
            ctx.respondError(m, Errno.EINVAL.number(), "Flux job wait internal error");
            return;
        }
        ctx.respond(m, o);
    }
}
