package org.fluxj.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.ModuleContext;

/**
 * The resource eventlog (flux-core's reslog.c): every event is kept in memory in order;
 * resource-define, drain and undrain are also appended to the KVS key {@value #KEY}, so that
 * drains outlive a restart, while online and offline are not (they describe this run only).
 */
final class Reslog {
    static final String KEY = "resource.eventlog";

    private final ModuleContext ctx;
    private final List<EventlogEntry> journal = new ArrayList<>();

    Reslog(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Records an event and, if {@code commit}, appends it to the KVS; completes when stored. */
    CompletionStage<?> post(EventlogEntry e, boolean commit) {
        journal.add(e);
        ArrayNode ops = Json.array();
        if (commit) {
            ops.add(op(KEY, KvsFlags.APPEND, e.encode()));
        }
        return commit(ops);
    }

    /** Puts {@code value} at {@code key} in the KVS (resource.R). */
    CompletionStage<?> put(String key, String value) {
        ArrayNode ops = Json.array();
        ops.add(op(key, 0, value));
        return commit(ops);
    }

    List<EventlogEntry> journal() {
        return List.copyOf(journal);
    }

    private CompletionStage<?> commit(ArrayNode ops) {
        if (ops.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        ObjectNode o = Json.object();
        o.put("namespace", "primary");
        o.put("flags", 0);
        o.set("ops", ops);
        return ctx.rpc("kvs.commit", o).response();
    }

    private static ObjectNode op(String key, int flags, String value) {
        ObjectNode op = Json.object();
        op.put("key", key);
        op.put("flags", flags);
        op.set("dirent", new TreeObj.Val(value.getBytes(StandardCharsets.UTF_8)).toJson());
        return op;
    }
}
