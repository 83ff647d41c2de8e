package org.fluxj.job.manager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;

/**
 * Eventlog appends gathered for one KVS commit (flux-core's event batch): the events posted
 * within {@value #TIMEOUT_MS} ms go in one {@code kvs.commit}, and responses that must not be
 * sent before their events are stored (a submit's) go out when it succeeds.
 */
final class EventBatch {
    static final long TIMEOUT_MS = 1;

    private final ModuleContext ctx;
    private ArrayNode ops;
    private List<Runnable> after;
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
        whenStored(() -> ctx.respond(request, payload));
    }

    /** Runs {@code task} once the pending events are committed (or at once if none). */
    void whenStored(Runnable task) {
        if (ops == null) {
            task.run();
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
        List<Runnable> done = after;
        ops = null;
        after = null;
        ctx.rpc("kvs.commit", o).response().whenComplete((r, err) -> {
            if (err != null) {
                ctx.log(Severity.ERR, "eventlog commit failed: %s", Rpc.cause(err).getMessage());
            }
            done.forEach(Runnable::run);
        });
    }
}
