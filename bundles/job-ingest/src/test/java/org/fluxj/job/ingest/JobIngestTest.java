package org.fluxj.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.sign.SignNone;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** job-ingest on a {@link ModuleFixture}: the KVS and the job manager are the test's. */
class JobIngestTest {
    private static final int UID = 1000;
    private static final String JOBSPEC = "{\"resources\":[{\"type\":\"slot\",\"count\":1,\"label\":\"task\","
            + "\"with\":[{\"type\":\"core\",\"count\":1}]}],\"tasks\":[{\"command\":[\"true\"],\"slot\":\"task\","
            + "\"count\":{\"per_slot\":1}}],\"attributes\":{\"system\":{\"duration\":0,\"environment\":{\"A\":\"1\"}}},"
            + "\"version\":1}";

    private final ModuleFixture f = new ModuleFixture();
    private final JobIngest ingest = new JobIngest();
    private int commits;
    private JsonNode announced;

    JobIngestTest() {
        ingest.addValidator((jobspec, ctx) -> {
            if (!jobspec.has("version")) {
                throw new JobRejectedException("jobspec: version: required key missing");
            }
        }, Map.of(JobPlugin.NAME, "jobspec"));
        ingest.addValidator((jobspec, ctx) -> {
            throw new JobRejectedException("Direct job submission is disabled for this instance.");
        }, Map.of(JobPlugin.NAME, "require-instance"));
        ingest.addFrobnicator((jobspec, ctx) -> ((ObjectNode) jobspec.path("attributes").path("system"))
                .put("queue", "batch"), Map.of(JobPlugin.NAME, "defaults"));
        f.answer("kvs.commit", m -> {
            commits++;
            return Json.object();
        });
        f.answer("job-manager.getinfo", m -> Json.object().put("max_jobid", 0));
        f.answer("job-manager.submit", m -> {
            announced = m.payloadJson();
            return Json.object().set("errors", Json.array());
        });
    }

    private Message submit(String jobspec, int urgency, int flags) {
        return submit(SignNone.wrap(jobspec.getBytes(StandardCharsets.UTF_8), UID), urgency, flags, UID,
                Roles.OWNER | Roles.LOCAL);
    }

    private Message submit(String signed, int urgency, int flags, int uid, int roles) {
        ObjectNode o = Json.object();
        o.put("J", signed);
        o.put("urgency", urgency);
        o.put("flags", flags);
        return f.submit(Message.request("job-ingest.submit").cred(uid, roles).payloadJson(o));
    }

    private Message answer(Message request) {
        f.advance(Duration.ofMillis(JobIngest.BATCH_TIMEOUT_MS));
        List<Message> r = f.responsesTo(request);
        assertEquals(1, r.size(), "responses to " + request.topic());
        return r.get(0);
    }

    @Test
    void acceptedJobsAreWrittenInOneCommitAndAnnounced() throws Exception {
        f.start(ingest);
        Message a = submit(JOBSPEC, 16, 0);
        Message b = submit(JOBSPEC, 3, 0);
        assertTrue(f.responsesTo(a).isEmpty(), "answered only once stored");
        long idA = ModuleFixture.json(answer(a)).path("id").asLong();
        long idB = ModuleFixture.json(f.responsesTo(b).get(0)).path("id").asLong();
        assertTrue(idB > idA);
        assertEquals(1, commits);
        JsonNode ops = f.sent("kvs.commit").get(0).payloadJson().path("ops");
        assertEquals(4, ops.size());
        JsonNode jobspec = Json.parse(((TreeObj.Val) TreeObj.fromJson(ops.get(1).path("dirent"))).data(), "jobspec");
        assertTrue(jobspec.path("attributes").path("system").path("environment").isMissingNode(), "environment dropped");
        assertEquals(2, announced.path("jobs").size());
        JsonNode first = announced.path("jobs").get(0);
        assertEquals(UID, first.path("userid").asInt());
        assertEquals(16, first.path("urgency").asInt());
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() throws Exception {
        f.start(ingest);
        ModuleFixture.assertError(Errno.EPROTO, "missing \"J\"", f.call("job-ingest.submit", "{\"urgency\":16,\"flags\":0}"));
        ModuleFixture.assertError(Errno.EPROTO, "\"urgency\" must be an integer",
                f.call("job-ingest.submit", "{\"J\":\"x\",\"urgency\":\"high\",\"flags\":0}"));
        ModuleFixture.assertError(Errno.EINVAL, "urgency range is [0:31]", answer(submit(JOBSPEC, 32, 0)));
        ModuleFixture.assertError(Errno.EPROTO, "invalid job flags", answer(submit(JOBSPEC, 16, 64)));
        Message bad = submit("eyJ9.e30.none", 16, 0, UID, Roles.OWNER);
        assertTrue(ModuleFixture.error(answer(bad)).getMessage().startsWith("could not unwrap jobspec: "));
        ModuleFixture.assertError(Errno.EINVAL, "could not unwrap jobspec: sign-none: unknown signature 'curve'",
                answer(submit("a.b.curve", 16, 0, UID, Roles.OWNER)));
        String other = SignNone.wrap(JOBSPEC.getBytes(StandardCharsets.UTF_8), 42);
        ModuleFixture.assertError(Errno.EPERM, "signer=42 != requestor=1000",
                answer(submit(other, 16, 0, UID, Roles.OWNER)));
        RequestException notJson = ModuleFixture.error(answer(submit("{", 16, 0)));
        assertTrue(notJson.getMessage().startsWith("jobspec: invalid JSON"), notJson.getMessage());
        assertEquals(0, commits, "nothing written");
    }

    @Test
    void guestsMayNotRaiseUrgencyNorSignWithNone() throws Exception {
        f.start(ingest);
        String signed = SignNone.wrap(JOBSPEC.getBytes(StandardCharsets.UTF_8), UID);
        ModuleFixture.assertError(Errno.EINVAL, "only the instance owner can submit with urgency >16",
                answer(submit(signed, 17, 0, UID, Roles.USER)));
        ModuleFixture.assertError(Errno.EPERM, "only instance owner can use sign-type=none",
                answer(submit(signed, 16, 0, UID, Roles.USER)));
    }

    @Test
    void validatorRejectionIsTheUsersAnswer() throws Exception {
        f.config("{\"ingest\":{\"validator\":{\"plugins\":[\"jobspec\",\"require-instance\"]}}}").start(ingest);
        ModuleFixture.assertError(Errno.EINVAL, "Direct job submission is disabled for this instance.",
                answer(submit(JOBSPEC, 16, 0)));
        ModuleFixture.assertError(Errno.EINVAL, "jobspec: version: required key missing",
                answer(submit("{\"attributes\":{}}", 16, 0)));
        assertEquals(0, commits);
    }

    @Test
    void frobnicatorsRunBeforeValidators() throws Exception {
        f.config("{\"ingest\":{\"frobnicator\":{\"plugins\":[\"defaults\"]}}}").start(ingest);
        answer(submit(JOBSPEC, 16, 0));
        assertEquals("batch", announced.path("jobs").get(0).path("jobspec").path("attributes").path("system")
                .path("queue").asText());
    }

    @Test
    void unknownPluginNamesAndKeysAreRefused() {
        ConfigKeyException e = assertThrows(ConfigKeyException.class, () -> f.config(
                "{\"ingest\":{\"validator\":{\"plugins\":[\"jobspec\",\"nope\"]}}}").start(ingest));
        assertEquals("ingest.validator.plugins", e.key());
        assertTrue(e.getMessage().contains("no validator plugin named 'nope'"), e.getMessage());
        assertThrows(ConfigKeyException.class, () -> new ModuleFixture()
                .config("{\"ingest\":{\"frobnicator\":{\"plugins\":[\"x\"]}}}").start(new JobIngest()));
        ConfigKeyException k = assertThrows(ConfigKeyException.class, () -> new ModuleFixture()
                .config("{\"ingest\":{\"bogus\":1}}").start(new JobIngest()));
        assertEquals("ingest.bogus", k.key());
    }

    @Test
    void loadArgumentsOverrideTheConfiguration() throws Exception {
        f.config("{\"ingest\":{\"validator\":{\"plugins\":[\"jobspec\",\"require-instance\"]}}}")
                .args("validator-plugins=jobspec", "batch-count=1").start(ingest);
        Message m = submit(JOBSPEC, 16, 0);
        ModuleFixture.json(f.responsesTo(m).get(0)); // answered at once: a batch of one, no timer
        assertEquals("job-ingest: unknown module option: 'bogus'", assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("bogus").start(new JobIngest())).getMessage());
        assertEquals("job-ingest: Invalid batch-count: batch-count=x", assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().config("{\"ingest\":{\"validator\":{\"disable\":true}}}").args("batch-count=x")
                        .start(new JobIngest())).getMessage());
    }

    @Test
    void disableValidatorSkipsThemAll() throws Exception {
        f.args("disable-validator").start(ingest);
        ModuleFixture.json(answer(submit("{\"attributes\":{}}", 16, 0)));
    }

    @Test
    void aReloadNamingAnUnknownPluginIsRefused() throws Exception {
        f.start(ingest);
        assertThrows(ConfigKeyException.class,
                () -> f.reloadConfig("{\"ingest\":{\"validator\":{\"plugins\":[\"feasibility\"]}}}"));
        ModuleFixture.json(answer(submit(JOBSPEC, 16, 0)));
    }

    @Test
    void jobsTheJobManagerRefusesAreAnsweredAndRemoved() throws Exception {
        f.answer("job-manager.submit", m -> {
            long id = m.payloadJson().path("jobs").get(0).path("id").asLong();
            return Json.object().set("errors", Json.array().add(Json.array().add(id).add("queue is disabled")));
        });
        f.start(ingest);
        ModuleFixture.assertError(Errno.EINVAL, "queue is disabled", answer(submit(JOBSPEC, 16, 0)));
        assertEquals(2, commits, "written, then removed");
        JsonNode unlink = f.sent("kvs.commit").get(1).payloadJson().path("ops").get(0);
        assertTrue(unlink.path("dirent").isNull());
    }

    @Test
    void anUnloadWritesThePendingBatchAndAnswersItsSubmitters() throws Exception {
        f.start(ingest);
        Message a = submit(JOBSPEC, 16, 0);
        assertTrue(f.responsesTo(a).isEmpty());
        CompletableFuture<Void> done = ingest.drain().toCompletableFuture();
        f.runUntilIdle();
        assertTrue(done.isDone());
        assertEquals(1, commits);
        ModuleFixture.json(f.responsesTo(a).get(0));
    }

    @Test
    void idsResumeAfterTheJobManagersLargest() throws Exception {
        long max = (5000L << 24) | 7; // a FLUID of timestamp 5000 ms
        f.answer("job-manager.getinfo", m -> Json.object().put("max_jobid", max));
        f.start(ingest);
        long id = ModuleFixture.json(answer(submit(JOBSPEC, 16, 0))).path("id").asLong();
        assertTrue(id > max, id + " > " + max);
    }
}
