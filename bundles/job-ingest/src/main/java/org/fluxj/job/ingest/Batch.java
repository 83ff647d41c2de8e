package org.fluxj.job.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * The jobs accepted within one batch window: their KVS writes (one {@code kvs.commit}) and
 * their {@code job-manager.submit} entries (one request), as flux-core's job-ingest batches.
 */
final class Batch {
    /** A job of the batch: the request to answer, and its id. */
    record Job(Message request, long id) {
    }

    private final List<Job> jobs = new ArrayList<>();
    private final ArrayNode ops = Json.array();
    private final ArrayNode joblist = Json.array();

    /**
     * Adds a job: J and the jobspec (less its environment, which J keeps) under
     * {@code job.<dothex>}, and its entry for the job manager.
     */
    void add(Message request, long id, String signed, ObjectNode jobspec, int urgency, int flags) {
        jobs.add(new Job(request, id));
        String dir = JobId.encode(id, FluidEncoding.KVS);
        put(dir + ".J", signed.getBytes(StandardCharsets.UTF_8));
        JsonNode system = jobspec.path("attributes").path("system");
        if (system.isObject()) {
            ((ObjectNode) system).remove("environment");
        }
        put(dir + ".jobspec", Json.encode(jobspec).getBytes(StandardCharsets.UTF_8));
        ObjectNode entry = joblist.addObject();
        entry.put("id", id);
        entry.put("userid", Integer.toUnsignedLong(request.userid()));
        entry.put("urgency", urgency);
        entry.put("t_submit", System.currentTimeMillis() / 1000.0);
        entry.put("flags", flags);
        entry.set("jobspec", jobspec);
    }

    private void put(String key, byte[] value) {
        ObjectNode op = ops.addObject();
        op.put("key", key);
        op.put("flags", 0);
        op.set("dirent", new TreeObj.Val(value).toJson());
    }

    int size() {
        return jobs.size();
    }

    List<Job> jobs() {
        return jobs;
    }

    /** The {@code kvs.commit} request writing every job of the batch. */
    ObjectNode commit() {
        return commitOf(ops);
    }

    /** A {@code kvs.commit} request unlinking the directories of these jobs (their submission failed). */
    static ObjectNode cleanup(List<Job> failed) {
        ArrayNode unlink = Json.array();
        for (Job j : failed) {
            ObjectNode op = unlink.addObject();
            op.put("key", JobId.encode(j.id(), FluidEncoding.KVS));
            op.put("flags", 0);
            op.putNull("dirent");
        }
        return commitOf(unlink);
    }

    private static ObjectNode commitOf(ArrayNode ops) {
        ObjectNode o = Json.object();
        o.put("namespace", "primary");
        o.put("flags", 0);
        o.set("ops", ops);
        return o;
    }

    /** The {@code job-manager.submit} request announcing the batch. */
    ObjectNode announce() {
        ObjectNode o = Json.object();
        o.set("jobs", joblist);
        return o;
    }
}
