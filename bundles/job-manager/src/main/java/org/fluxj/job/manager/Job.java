package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.job.JobState;
import org.fluxj.formats.jobspec.SubmitFlags;
import org.fluxj.formats.msg.Message;

/**
 * An active job as the job manager keeps it. {@link #apply} is the one place an event changes a
 * job -- for events posted now and for events replayed from the eventlog on restart -- as
 * flux-core's event_job_update is.
 */
final class Job {
    static final int URGENCY_HOLD = 0;
    static final int URGENCY_DEFAULT = 16;
    static final int URGENCY_EXPEDITE = 31;
    static final long PRIORITY_MIN = 0;
    static final long PRIORITY_MAX = 0xffffffffL;

    final long id;
    long userid;
    int urgency = URGENCY_DEFAULT;
    int flags;
    double tSubmit;
    JobState state = JobState.NEW;
    /** -1 until the first priority event. */
    long priority = -1;
    /** A severity-0 exception was raised: the job goes to CLEANUP. */
    boolean fatal;
    /** The event that decided the job's result: its first fatal exception, or finish. */
    EventlogEntry endEvent;
    /** A {@code job-manager.wait} request for this job, if one waits. */
    Message waiter;

    Job(long id) {
        this.id = id;
    }

    /** Updates the job for one event of its eventlog (RFC 21's transitions). */
    void apply(EventlogEntry e) {
        JsonNode c = e.hasContext() ? e.context() : null;
        switch (e.name()) {
            case "submit" -> {
                userid = c.path("userid").asLong();
                urgency = c.path("urgency").asInt(URGENCY_DEFAULT);
                flags = c.path("flags").asInt();
                tSubmit = e.timestamp();
            }
            case "validate" -> state = JobState.DEPEND;
            case "depend" -> {
                if (state == JobState.DEPEND) {
                    state = JobState.PRIORITY;
                }
            }
            case "priority" -> {
                priority = c.path("priority").asLong();
                if (state == JobState.PRIORITY) {
                    state = JobState.SCHED;
                }
            }
            case "urgency" -> urgency = c.path("urgency").asInt();
            case "exception" -> {
                if (c.path("severity").asInt() == 0 && state != JobState.INACTIVE) {
                    if (endEvent == null) {
                        endEvent = e;
                    }
                    fatal = true;
                    state = JobState.CLEANUP;
                }
            }
            case "finish" -> {
                if (state == JobState.RUN) {
                    if (endEvent == null) {
                        endEvent = e;
                    }
                    state = JobState.CLEANUP;
                }
            }
            case "clean" -> state = JobState.INACTIVE;
            default -> {
                // events of later stages (alloc, start, ...) are not the job manager's yet
            }
        }
    }

    boolean waitable() {
        return (flags & SubmitFlags.WAITABLE) != 0;
    }

    /** priority-default: the urgency, with HOLD and EXPEDITE at the ends of the range. */
    long defaultPriority() {
        return urgency == URGENCY_HOLD ? PRIORITY_MIN : urgency == URGENCY_EXPEDITE ? PRIORITY_MAX : urgency;
    }
}
