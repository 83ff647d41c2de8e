package org.fluxj.job.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.jobspec.SubmitFlags;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The job manager on a {@link ModuleFixture}, over a KVS of eventlogs kept by the test. */
class JobManagerTest {
    private static final long ID = (1000L << 24) | 1;
    private static final int UID = 1000;

    private final ModuleFixture f = new ModuleFixture();
    /** Eventlogs by KVS key, as the commits appended them. */
    private final Map<String, StringBuilder> kvs = new TreeMap<>();

    JobManagerTest() {
        f.answer("kvs.commit", m -> {
            for (JsonNode op : m.payloadJson().path("ops")) {
                byte[] data = ((TreeObj.Val) TreeObj.fromJson(op.path("dirent"))).data();
                kvs.computeIfAbsent(op.path("key").asText(), k -> new StringBuilder())
                        .append(new String(data, StandardCharsets.UTF_8));
            }
            return Json.object();
        });
        f.answer("kvs.lookup", m -> lookup(m.payloadJson()));
    }

    /** The KVS as the test keeps it, as kvs.lookup answers: directories of the keys' paths. */
    private JsonNode lookup(JsonNode req) throws RequestException {
        String key = req.path("key").asText();
        if (kvs.containsKey(key)) {
            return Json.object().set("val", TreeObj.Val.of(kvs.get(key).toString()).toJson());
        }
        Map<String, TreeObj> entries = new HashMap<>();
        for (String k : kvs.keySet()) {
            if (k.startsWith(key + ".")) {
                entries.put(k.substring(key.length() + 1).split("\\.")[0], TreeObj.Dir.empty());
            }
        }
        if (entries.isEmpty()) {
            throw new RequestException(Errno.ENOENT);
        }
        return Json.object().set("val", new TreeObj.Dir(new TreeMap<>(entries)).toJson());
    }

    private List<String> events(long id) throws Exception {
        StringBuilder log = kvs.get(JobId.encode(id, FluidEncoding.KVS) + ".eventlog");
        List<String> names = new ArrayList<>();
        if (log != null) {
            for (EventlogEntry e : Eventlog.decode(log.toString())) {
                names.add(e.name());
            }
        }
        return names;
    }

    private EventlogEntry last(long id) throws Exception {
        List<EventlogEntry> all = Eventlog.decode(kvs.get(JobId.encode(id, FluidEncoding.KVS) + ".eventlog").toString());
        return all.get(all.size() - 1);
    }

    private Message submit(long id, int urgency) {
        return submit(id, urgency, 0);
    }

    private Message submit(long id, int urgency, int flags) {
        ObjectNode job = Json.object();
        job.put("id", id);
        job.put("userid", UID);
        job.put("urgency", urgency);
        job.put("t_submit", 1700000000.5);
        job.put("flags", flags);
        job.set("jobspec", Json.object());
        ObjectNode o = Json.object();
        o.set("jobs", Json.array().add(job));
        Message m = f.submit(Message.request("job-manager.submit").payloadJson(o));
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));
        return m;
    }

    private Message request(String topic, String json, int uid, int roles) throws Exception {
        return f.call(Message.request(topic).cred(uid, roles).payloadJson(Json.parse(json, "test")));
    }

    @Test
    void aSubmittedJobWaitsInSchedWithItsEventsStored() throws Exception {
        f.start(new JobManager());
        Message m = submit(ID, 16);
        assertEquals(0, ModuleFixture.json(f.responsesTo(m).get(0)).path("errors").size());
        assertEquals(List.of("submit", "validate", "depend", "priority"), events(ID));
        assertEquals(16, last(ID).context().path("priority").asInt());
        assertEquals(1700000000.5, Eventlog.decode(kvs.values().iterator().next().toString()).get(0).timestamp());
        assertEquals(ID, ModuleFixture.json(f.call("job-manager.getinfo", "{}")).path("max_jobid").asLong());
        assertEquals(1, f.sent("kvs.commit").size(), "one commit for the batch");
    }

    @Test
    void holdAndExpediteSetTheEndsOfThePriorityRange() throws Exception {
        f.start(new JobManager());
        submit(ID, 0);
        assertEquals(0, last(ID).context().path("priority").asLong());
        JsonNode r = ModuleFixture.json(f.call("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":31}"));
        assertEquals(0, r.path("old_urgency").asInt());
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));
        assertEquals(List.of("submit", "validate", "depend", "priority", "urgency", "priority"), events(ID));
        assertEquals(4294967295L, last(ID).context().path("priority").asLong());
        ModuleFixture.assertError(Errno.EINVAL, "urgency value is out of range",
                f.call("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":32}"));
        ModuleFixture.assertError(Errno.EINVAL, "unknown job", f.call("job-manager.urgency", "{\"id\":1,\"urgency\":3}"));
    }

    @Test
    void guestsTouchOnlyTheirOwnJobs() throws Exception {
        f.start(new JobManager());
        submit(ID, 16);
        ModuleFixture.assertError(Errno.EPERM, "guests can only reprioritize their own jobs",
                request("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":3}", 2000, Roles.USER));
        ModuleFixture.assertError(Errno.EPERM, "guests can only adjust urgency <= default",
                request("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":20}", UID, Roles.USER));
        ModuleFixture.assertError(Errno.EPERM, "guests can only raise exceptions on their own jobs",
                request("job-manager.raise", "{\"id\":" + ID + ",\"severity\":0,\"type\":\"cancel\"}", 2000, Roles.USER));
    }

    @Test
    void cancelEndsAPendingJob() throws Exception {
        f.start(new JobManager());
        submit(ID, 16);
        f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":0,\"type\":\"cancel\",\"note\":\"bye\"}");
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));
        List<String> names = events(ID);
        assertEquals(List.of("exception", "clean"), names.subList(names.size() - 2, names.size()));
        assertTrue(f.events().stream().anyMatch(e -> e.topic().equals("job-exception")));
        ModuleFixture.assertError(Errno.ENOENT, "job is inactive",
                f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":0,\"type\":\"cancel\"}"));
        ModuleFixture.assertError(Errno.EPROTO, "invalid exception severity",
                f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":8,\"type\":\"cancel\"}"));
        ModuleFixture.assertError(Errno.EPROTO, "invalid exception type",
                f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":1,\"type\":\"a b\"}"));
    }

    @Test
    void aWaitableJobIsWaitedForOnceAsWait2WaitsForAChild() throws Exception {
        f.start(new JobManager());
        submit(ID, 16, SubmitFlags.WAITABLE);
        submit(ID + 1, 16, SubmitFlags.WAITABLE);
        submit(ID + 2, 16);
        ModuleFixture.assertError(Errno.ECHILD, "job was not submitted with FLUX_JOB_WAITABLE",
                f.call("job-manager.wait", "{\"id\":" + (ID + 2) + "}"));
        Message w = f.submit(Message.request("job-manager.wait").payloadJson(Json.parse("{\"id\":" + ID + "}", "t")));
        assertTrue(f.responsesTo(w).isEmpty(), "waits while the job is active");
        ModuleFixture.assertError(Errno.ECHILD, "job id already has a waiter",
                f.call("job-manager.wait", "{\"id\":" + ID + "}"));
        f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":0,\"type\":\"cancel\",\"note\":\"bye\"}");
        JsonNode r = ModuleFixture.json(f.responsesTo(w).get(0));
        assertEquals(ID, r.path("id").asLong());
        assertEquals(false, r.path("success").asBoolean());
        assertEquals("Fatal exception type=cancel bye", r.path("errstr").asText());
        // the other ends with no one waiting: a zombie, until a wait for any takes it
        f.call("job-manager.raise", "{\"id\":" + (ID + 1) + ",\"severity\":0,\"type\":\"cancel\"}");
        assertEquals(ID + 1, ModuleFixture.json(f.call("job-manager.wait", "{\"id\":-1}")).path("id").asLong());
        ModuleFixture.assertError(Errno.ECHILD, "there are no more waitable jobs",
                f.call("job-manager.wait", "{\"id\":-1}"));
        ModuleFixture.assertError(Errno.ECHILD, "invalid job id, or job may be inactive and not waitable",
                f.call("job-manager.wait", "{\"id\":" + ID + "}"));
        ModuleFixture.assertError(Errno.EPROTO, null, f.call("job-manager.wait", "{}"));
    }

    @Test
    void raiseallCancelsTheJobsOfAUserInTheStatesAsked() throws Exception {
        f.start(new JobManager());
        submit(ID, 16);
        submit(ID + 1, 16);
        String all = "{\"dry_run\":%s,\"userid\":%d,\"states\":%d,\"severity\":0,\"type\":\"cancel\"}";
        JsonNode dry = ModuleFixture.json(f.call("job-manager.raiseall", String.format(all, true, UID, 14)));
        assertEquals(2, dry.path("count").asInt());
        assertEquals(List.of("submit", "validate", "depend", "priority"), events(ID), "a dry run changes nothing");
        assertEquals(0, ModuleFixture.json(f.call("job-manager.raiseall", String.format(all, false, UID, 48)))
                .path("count").asInt(), "none is running");
        ModuleFixture.assertError(Errno.EPERM, "guests can only raise exceptions on their own jobs",
                request("job-manager.raiseall", String.format(all, false, 4294967295L, 14), 2000, Roles.USER));
        assertEquals(0, ModuleFixture.json(request("job-manager.raiseall", String.format(all, false, 2000, 14), 2000,
                Roles.USER)).path("count").asInt(), "a guest's own: none");
        ModuleFixture.assertError(Errno.EPROTO, "invalid exception type",
                f.call("job-manager.raiseall", String.format(all, false, UID, 14).replace("cancel", "a b")));
        JsonNode done = ModuleFixture.json(f.call("job-manager.raiseall", String.format(all, false, 4294967295L, 14)));
        assertEquals(2, done.path("count").asInt());
        assertEquals(0, done.path("errors").asInt());
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));
        assertEquals("clean", last(ID).name());
        assertEquals("clean", last(ID + 1).name());
    }

    @Test
    void aNonFatalExceptionLeavesTheJobPending() throws Exception {
        f.start(new JobManager());
        submit(ID, 16);
        f.call("job-manager.raise", "{\"id\":" + ID + ",\"severity\":3,\"type\":\"test\"}");
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));
        assertEquals("exception", last(ID).name());
        ModuleFixture.json(f.call("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":3}"));
    }

    @Test
    void aRestartRebuildsTheActiveJobsFromTheirEventlogs() throws Exception {
        f.start(new JobManager());
        submit(ID, 5);
        submit(ID + 1, 16);
        f.call("job-manager.raise", "{\"id\":" + (ID + 1) + ",\"severity\":0,\"type\":\"cancel\"}");
        f.advance(Duration.ofMillis(EventBatch.TIMEOUT_MS));

        ModuleFixture g = new ModuleFixture();
        g.answer("kvs.lookup", m -> lookup(m.payloadJson()));
        g.answer("kvs.commit", m -> Json.object());
        g.start(new JobManager());
        assertEquals(ID + 1, ModuleFixture.json(g.call("job-manager.getinfo", "{}")).path("max_jobid").asLong());
        assertEquals(5, ModuleFixture.json(g.call("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":7}"))
                .path("old_urgency").asInt());
        ModuleFixture.assertError(Errno.EINVAL, "job is inactive",
                g.call("job-manager.urgency", "{\"id\":" + (ID + 1) + ",\"urgency\":7}"));
    }

    @Test
    void aSubmitWhoseEventsAreNotStoredIsAnsweredWithTheError() throws Exception {
        f.start(new JobManager());
        f.answer("kvs.commit", m -> {
            throw new RequestException(Errno.ENOSPC, "no space");
        });
        Message m = submit(ID, 16);
        ModuleFixture.assertError(Errno.ENOSPC, "eventlog commit failed: no space", f.responsesTo(m).get(0));
        ModuleFixture.assertError(Errno.EINVAL, "unknown job",
                f.call("job-manager.urgency", "{\"id\":" + ID + ",\"urgency\":3}"));
    }

    @Test
    void anEmptyInstanceStartsWithNoJobs() throws Exception {
        f.start(new JobManager());
        assertEquals(0, ModuleFixture.json(f.call("job-manager.getinfo", "{}")).path("max_jobid").asLong());
        ModuleFixture.assertError(Errno.EPROTO, "missing \"jobs\"", f.call("job-manager.submit", "{}"));
    }
}
