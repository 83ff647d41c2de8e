package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job submission end to end (issue 11, first part): flux submit against a real instance, the
 * job's eventlog, urgency, cancel, a rejected jobspec, the validator plugins configured, and a
 * restart on the same statedir that keeps the pending job.
 */
class JobSubmitIT {

    private static List<String> eventNames(Instance b, String id) {
        return b.ok("job", "eventlog", id).lines().map(l -> l.split(" ")[1]).toList();
    }

    @Test
    void aSubmittedJobIsPendingWithItsEventsAndCanBeHeldAndCanceled() throws Exception {
        try (TestBroker b = new TestBroker()) {
            String id = b.ok("submit", "sleep", "1").trim();
            assertTrue(id.matches("[ƒf][1-9A-HJ-NP-Za-km-z]+"), id);
            assertEquals(List.of("submit", "validate", "depend", "priority"), eventNames(b, id));
            assertTrue(b.ok("job", "eventlog", id).lines().toList().get(3).endsWith(" priority priority=16"));

            FluxCli.Result held = b.flux("job", "urgency", "-v", id, "hold");
            assertEquals(0, held.status(), held.err());
            assertEquals("old urgency: 16\n", held.err());
            List<String> log = b.ok("job", "eventlog", id).lines().toList();
            assertTrue(log.get(4).contains(" urgency ") && log.get(4).endsWith("urgency=0"), log.get(4));
            assertTrue(log.get(5).endsWith(" priority priority=0"), log.get(5));

            b.ok("job", "cancel", id);
            List<String> names = eventNames(b, id);
            assertEquals(List.of("exception", "clean"), names.subList(names.size() - 2, names.size()));
            FluxCli.Result again = b.flux("cancel", id);
            assertEquals(1, again.status());
            assertEquals("flux-cancel: ERROR: " + id + ": job is inactive\n", again.err());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void aRejectedJobspecIsOneLineAndWritesNothing() throws Exception {
        try (TestBroker b = new TestBroker()) {
            FluxCli.Result r = b.flux("submit", "--setattr=system.duration=soon", "true");
            assertEquals(1, r.status());
            assertEquals("flux-submit: ERROR: [Errno 22] jobspec: attributes.system.duration: must be a number, "
                    + "got \"soon\"\n", r.err());
            assertEquals(1, b.flux("kvs", "get", "job").status(), "no job directory");
            FluxCli.Result u = b.flux("job", "urgency", "ƒ1", "3");
            assertEquals(1, u.status());
            assertEquals("flux-job: ƒ1: unknown job\n", u.err());
            assertEquals("flux-job: job ƒ1 not found\n", b.flux("job", "eventlog", "ƒ1").err());
            assertEquals("flux-job: invalid format type 'yaml'\n", b.flux("job", "eventlog", "-f", "yaml", "ƒ1").err());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void aWaitableJobIsWaitedForWithItsResult() throws Exception {
        try (TestBroker b = new TestBroker(List.of(), Map.of())) {
            String id = b.ok("submit", "--flags=waitable", "true").trim();
            String id2 = b.ok("submit", "--flags=waitable", "true").trim();
            FluxCli.Result none = b.flux("job", "wait", b.ok("submit", "true").trim());
            assertEquals(2, none.status());
            assertEquals("flux-job: job was not submitted with FLUX_JOB_WAITABLE\n", none.err());
            b.ok("cancel", id);
            FluxCli.Result w = b.flux("job", "wait", id);
            assertEquals(1, w.status());
            assertEquals("flux-job: Fatal exception type=cancel \n", w.err());
            assertEquals(2, b.flux("job", "wait", id).status(), "waited for once only");
            b.ok("cancel", id2);
            FluxCli.Result all = b.flux("job", "wait", "--all");
            assertEquals(1, all.status());
            assertTrue(all.err().endsWith(": Fatal exception type=cancel \n"), all.err());
            FluxCli.Result any = b.flux("job", "wait");
            assertEquals(2, any.status());
            assertEquals("flux-job: there are no more waitable jobs\n", any.err());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void cancelAllCancelsTheUsersActiveJobs() throws Exception {
        try (TestBroker b = new TestBroker(List.of(), Map.of())) {
            String id = b.ok("submit", "true").trim();
            b.ok("submit", "true");
            assertEquals("flux-cancel: Would cancel 2 jobs\n", b.flux("cancel", "--all", "--dry-run").err());
            assertEquals("flux-cancel: Matched 0 jobs\n", b.flux("cancel", "-S", "run").err());
            assertEquals("flux-cancel: Canceled 2 jobs (0 errors)\n", b.flux("cancel", "--all", "-m", "bye").err());
            assertEquals("clean", eventNames(b, id).get(eventNames(b, id).size() - 1));
            FluxCli.Result bad = b.flux("cancel", "-S", "bogus");
            assertEquals(1, bad.status());
            assertEquals("flux-cancel: ERROR: Invalid state bogus specified\n", bad.err());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void requireInstanceRefusesDirectSubmission(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ingest.toml"), "[ingest.validator]\nplugins = [\"jobspec\", \"require-instance\"]\n");
        try (TestBroker b = new TestBroker(List.of("--config-path=" + dir), Map.of())) {
            FluxCli.Result r = b.flux("submit", "-n1", "myapp");
            assertEquals(1, r.status());
            assertEquals("flux-submit: ERROR: [Errno 22] Direct job submission is disabled for this instance. "
                    + "Please use the flux-batch(1) or flux-alloc(1) commands.\n", r.err());
            String id = b.ok("submit", "flux", "start", "true").trim();
            assertEquals("submit", eventNames(b, id).get(0));
            assertEquals(0, b.finish());
        }
    }

    @Test
    void queuesGetTheirDefaultsAndConstraints(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("queues.toml"), "[policy.jobspec.defaults.system]\nduration = \"1m\"\n"
                + "[queues.debug]\nrequires = [\"debug\"]\n[queues.batch]\n");
        try (TestBroker b = new TestBroker(List.of("--config-path=" + dir), Map.of())) {
            FluxCli.Result none = b.flux("submit", "true");
            assertEquals(1, none.status());
            assertEquals("flux-submit: ERROR: [Errno 22] no queue specified\n", none.err());
            String id = b.ok("submit", "-q", "debug", "true").trim();
            String key = b.ok("job", "id", "--to=kvs", id).trim() + ".jobspec";
            String jobspec = b.ok("kvs", "get", key);
            assertTrue(jobspec.contains("\"duration\":60"), jobspec);
            assertTrue(jobspec.contains("\"constraints\":{\"properties\":[\"debug\"]}"), jobspec);
            assertEquals(1, b.flux("submit", "-q", "nosuch", "true").status());
            assertEquals(0, b.finish());
        }
    }

    @Test
    void anUnknownValidatorPluginIsNamedAtLoad(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ingest.toml"), "[ingest.validator]\nplugins = [\"nope\"]\n");
        FluxCli.Result r = FluxCli.run("broker", "-c", dir.toString(), "true");
        assertTrue(r.err().contains(file + ": ingest.validator.plugins: no validator plugin named 'nope'"), r.err());
    }

    @Test
    void aRestartOnTheSameStatedirKeepsThePendingJob(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        Files.createDirectories(statedir);
        String pending;
        String canceled;
        try (TestBroker b = new TestBroker("-Sstatedir=" + statedir)) {
            pending = b.ok("submit", "--urgency=7", "sleep", "1").trim();
            canceled = b.ok("submit", "true").trim();
            b.ok("cancel", canceled);
            assertEquals(0, b.finish());
        }
        try (TestBroker b = new TestBroker("-Sstatedir=" + statedir)) {
            FluxCli.Result u = b.flux("job", "urgency", "-v", pending, "9");
            assertEquals(0, u.status(), u.err());
            assertEquals("old urgency: 7\n", u.err());
            assertEquals("flux-job: " + canceled + ": job is inactive\n", b.flux("job", "urgency", canceled, "9").err());
            String next = b.ok("submit", "true").trim();
            assertTrue(!next.equals(pending) && !next.equals(canceled), "ids are not reused");
            assertEquals(0, b.finish());
        }
    }

    /** Beyond flux-core: a job whose id was given survives a SIGKILL of the broker, and keeps its place. */
    @Test
    void jobsWhoseIdsWereGivenSurviveASigkill(@TempDir Path dir) throws Exception {
        Path statedir = dir.resolve("state");
        Files.createDirectories(statedir);
        List<String> ids = new ArrayList<>();
        try (TestBroker b = new TestBroker("-Sstatedir=" + statedir)) {
            for (int i = 0; i < 5; i++) {
                ids.add(b.ok("submit", "true").trim());
            }
            b.kill();
        }
        try (TestBroker b = new TestBroker("-Sstatedir=" + statedir)) {
            for (String id : ids) {
                assertEquals(List.of("submit", "validate", "depend", "priority"), eventNames(b, id));
            }
            String next = b.ok("submit", "true").trim();
            assertTrue(!ids.contains(next), "ids are not reused");
            assertEquals(0, b.finish());
        }
    }
}
