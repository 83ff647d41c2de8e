package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;

/**
 * Eventlog appends gathered for one KVS commit (flux-core's event batch): the events posted
 * within {@value #TIMEOUT_MS} ms go in one {@code kvs.commit}, and responses that must not be
 * sent before their events are stored (a submit's) go out when it succeeds -- or, if it fails,
 * are answered with its error, so that no job id is given for a job that was not stored.
 */
final class EventBatch {
    static final long TIMEOUT_MS = 1;

    private final ModuleContext ctx;
    private ArrayNode ops;
    private List<Consumer<Throwable>> after;
    private ModuleContext.Timer timer;

    EventBatch(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Appends an event to job {@code id}'s eventlog in the next commit. */
    void append(long id, EventlogEntry entry) {
        start();
        ObjectNode op = ops.addObject();
        op.put("key", JobId.encode(id, FluidEncoding.KVS) + ".eventlog");
        op.put("flags", KvsFlags.APPEND);
        op.set("dirent", new TreeObj.Val(entry.encode().getBytes(StandardCharsets.UTF_8)).toJson());
    }

    /** Responds to {@code request} once the pending events are committed (or at once if none). */
    void respondAfter(Message request, ObjectNode payload) {
        whenStored(err -> {
            if (err == null) {
                ctx.respond(request, payload);
            } else {
                RequestException e = RequestException.of(err);
                ctx.respondError(request, e.errno().number(), "eventlog commit failed: " + e.getMessage());
            }
        });
    }

    /**
     * Runs {@code task} once the pending events are committed (or at once if none), with null
     * or what the commit failed with.
     */
    void whenStored(Consumer<Throwable> task) {
        if (ops == null) {
            task.accept(null);
            return;
        }
        after.add(task);
    }

    private void start() {
        if (ops == null) {
            ops = Json.array();
            after = new ArrayList<>();
            timer = ctx.schedule(Duration.ofMillis(TIMEOUT_MS), this::flush);
        }
    }

    /** Commits now; {@code stop} and drain call it so nothing posted is lost. */
    void flush() {
        if (ops == null) {
            return;
        }
        timer.cancel();
        ObjectNode o = Json.object();
        o.put("namespace", "primary");
        o.put("flags", 0);
        o.set("ops", ops);
        List<Consumer<Throwable>> done = after;
        ops = null;
        after = null;
        ctx.rpc("kvs.commit", o).response().whenComplete((r, err) -> {
            Throwable cause = err == null ? null : Rpc.cause(err);
            if (cause != null) {
                ctx.log(Severity.ERR, "eventlog commit failed: %s", cause.getMessage());
            }
            done.forEach(t -> t.accept(cause));
        });
    }
}
