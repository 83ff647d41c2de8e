package org.fluxj.client.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.Identity;
import org.fluxj.formats.sign.SignNone;

/** libjob: what the job commands ask of an instance. */
public final class Jobs {
    private Jobs() {
    }

    /** flux_job_submit: signs {@code jobspec} (mechanism none) as this process's user; the new id. */
    public static long submit(Handle h, String jobspec, int urgency, int flags) throws IOException {
        return h.rpcGetJson("job-ingest.submit", submitRequest(jobspec, urgency, flags), Message.NODEID_ANY)
                .path("id").asLong();
    }

    /** {@link #submit} without waiting, as flux_job_submit's future: many may be in flight. */
    public static CompletableFuture<Long> submitAsync(Handle h, String jobspec, int urgency, int flags)
            throws IOException {
        return h.rpc("job-ingest.submit", submitRequest(jobspec, urgency, flags), Message.NODEID_ANY)
                .thenApply(m -> {
                    try {
                        return m.payloadObject().path("id").asLong();
                    } catch (FormatException e) {
                        throw new CompletionException(e);
                    }
                });
    }

    private static ObjectNode submitRequest(String jobspec, int urgency, int flags) throws IOException {
        ObjectNode o = Json.object();
        o.put("J", SignNone.wrap(jobspec.getBytes(StandardCharsets.UTF_8), Integer.toUnsignedLong(Identity.uid())));
        o.put("urgency", urgency);
        o.put("flags", flags);
        return o;
    }

    /** flux_job_set_urgency: the urgency the job had. */
    public static int urgency(Handle h, long id, int urgency) throws IOException {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("urgency", urgency);
        return h.rpcGetJson("job-manager.urgency", o, Message.NODEID_ANY).path("old_urgency").asInt();
    }

    /** flux_job_raise: an exception of {@code type} at {@code severity} (0 ends the job). */
    public static void raise(Handle h, long id, String type, int severity, String note) throws IOException {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("type", type);
        o.put("severity", severity);
        if (note != null) {
            o.put("note", note);
        }
        Rpc.await(h.rpc("job-manager.raise", o, Message.NODEID_ANY)); // answered without payload
    }

    /** Every user ({@code FLUX_USERID_UNKNOWN}), for {@link #raiseAll}. */
    public static final long ANY_USER = 0xffffffffL;

    /** What {@link #raiseAll} did: the jobs it matched, and how many of them failed. */
    public record RaiseAllResult(int count, int errors) {
    }

    /**
     * job-manager.raiseall: the exception on every active job of {@code userid} ({@link #ANY_USER}
     * for all, the owner's only) whose state is in {@code states} (RFC 21 bits); with
     * {@code dryRun}, only counts them.
     */
    public static RaiseAllResult raiseAll(Handle h, boolean dryRun, long userid, int states, String type, int severity,
            String note) throws IOException {
        ObjectNode o = Json.object();
        o.put("dry_run", dryRun);
        o.put("userid", userid);
        o.put("states", states);
        o.put("severity", severity);
        o.put("type", type);
        if (note != null) {
            o.put("note", note);
        }
        var r = h.rpcGetJson("job-manager.raiseall", o, Message.NODEID_ANY);
        return new RaiseAllResult(r.path("count").asInt(), r.path("errors").asInt());
    }

    /** flux_job_cancel: a severity-0 {@code cancel} exception. */
    public static void cancel(Handle h, long id, String note) throws IOException {
        raise(h, id, "cancel", 0, note);
    }

    /** flux_job_wait's FLUX_JOBID_ANY: the next waitable job to end. */
    public static final long ANY = -1L;

    /** What {@link #wait} gives: the job, and its result ({@code errstr} says why it failed). */
    public record WaitResult(long id, boolean success, String errstr) {
    }

    /**
     * flux_job_wait: the result of a waitable job ({@link #ANY}: of the next one to end); fails
     * with ECHILD when there is none to wait for.
     */
    public static WaitResult wait(Handle h, long id) throws IOException {
        ObjectNode o = Json.object();
        o.put("id", id);
        var r = h.rpcGetJson("job-manager.wait", o, Message.NODEID_ANY);
        return new WaitResult(r.path("id").asLong(), r.path("success").asBoolean(), r.path("errstr").asText(""));
    }

    /** flux_job_kvs_key: {@code job.<dothex>.NAME}, or the job's directory if name is null. */
    public static String kvsKey(long id, String name) {
        String dir = JobId.encode(id, FluidEncoding.KVS);
        return name == null ? dir : dir + "." + name;
    }

    /** The job's eventlog as stored (RFC 18 text), or null if there is no such job. */
    public static String eventlog(Handle h, long id) throws IOException {
        byte[] b = Kvs.find(h, "primary", kvsKey(id, "eventlog"));
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
