package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fluxj.formats.jobspec.Jobspec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code flux submit --dry-run} and {@code flux run --dry-run} print the jobspec flux-core would. */
class SubmitDryRunIT {

    private static void assertOneLine(FluxCli.Result r, int status, String prefix) {
        assertEquals(status, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(prefix), r.err());
    }

    @Test
    void submitNodesTasksCoresTimeLimit() throws Exception {
        FluxCli.Result r = FluxCli.runWithInput(null, Map.of("FLUXJ_DRY_RUN_TEST", "yes"),
                "submit", "--dry-run", "-N2", "-n4", "-c2", "-t", "1h", "hostname");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(1, r.lines().size(), r.out());
        assertTrue(r.out().startsWith("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"with\": [{\"type\": \"slot\", "
                + "\"count\": 2, \"with\": [{\"type\": \"core\", \"count\": 2}], \"label\": \"task\"}]}], \"tasks\": "
                + "[{\"command\": [\"hostname\"], \"slot\": \"task\", \"count\": {\"per_slot\": 1}}], \"attributes\": "
                + "{\"system\": {\"duration\": 3600.0, \"environment\": {"), r.out());
        Jobspec js = Jobspec.parseJson(r.out());
        assertEquals(3600.0, js.duration());
        assertEquals("yes", js.attribute("environment.FLUXJ_DRY_RUN_TEST").orElseThrow().asText());
        assertTrue(js.attribute("shell.options.rlimit.core").isPresent(), r.out());
        assertTrue(js.attribute("cwd").isPresent(), r.out());
    }

    @Test
    void runPrintsExactlyWhatFluxCoreWould() {
        FluxCli.Result r = FluxCli.run("run", "--dry-run", "--env=-*", "--env=A=1", "--env", "B=$A-{{rank}}",
                "--rlimit=-*,core=0", "--cwd=/tmp", "-o", "verbose", "--setattr=user.x=[2]", "-S", "foo",
                "--dependency=afterok:123", "-q", "batch", "--job-name=hi", "-x", "-N", "1", "-n", "2", "-g", "1",
                "hostname", "-n", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 1, \"exclusive\": true, \"with\": [{\"type\": "
                + "\"slot\", \"count\": 2, \"with\": [{\"type\": \"core\", \"count\": 1}, {\"type\": \"gpu\", \"count\": 1}], "
                + "\"label\": \"task\"}]}], \"tasks\": [{\"command\": [\"hostname\", \"-n\", \"3\"], \"slot\": \"task\", "
                + "\"count\": {\"per_slot\": 1}}], \"attributes\": {\"system\": {\"duration\": 0, \"environment\": "
                + "{\"A\": \"1\"}, \"cwd\": \"/tmp\", \"job\": {\"name\": \"hi\"}, \"queue\": \"batch\", \"shell\": "
                + "{\"options\": {\"env-expand\": {\"B\": \"$A-{{rank}}\"}, \"rlimit\": {\"core\": 0}, \"verbose\": 1}}, "
                + "\"dependencies\": [{\"scheme\": \"afterok\", \"value\": \"123\"}], \"foo\": 1}, \"user\": {\"x\": [2]}}, "
                + "\"version\": 1}\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void submitAndRunBuildTheSameJobspec() {
        List<String> args = List.of("--dry-run", "--env=-*", "--rlimit=-*", "--cwd=/", "-n4", "--tasks-per-node=2",
                "sleep", "1");
        String[] submit = new String[args.size() + 1];
        String[] run = new String[args.size() + 1];
        submit[0] = "submit";
        run[0] = "run";
        for (int i = 0; i < args.size(); i++) {
            submit[i + 1] = args.get(i);
            run[i + 1] = args.get(i);
        }
        // -n is a per-task option: flux-core refuses it with --tasks-per-node, in both commands
        FluxCli.Result s = FluxCli.run(submit);
        assertOneLine(s, 1, "flux-submit: Per-resource options can't be used with per-task options.");
        FluxCli.Result r = FluxCli.run(run);
        assertOneLine(r, 1, "flux-run: Per-resource options can't be used with per-task options.");
    }

    @Test
    void perResourceOptions() {
        FluxCli.Result r = FluxCli.run("submit", "--dry", "--env=-*", "--rlimit=-*", "--cwd=/", "-N2",
                "--tasks-per-node=2", "--", "sleep", "1");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"exclusive\": true, \"with\": [{\"type\": "
                + "\"slot\", \"count\": 1, \"with\": [{\"type\": \"core\", \"count\": 1}], \"label\": \"task\"}]}], "
                + "\"tasks\": [{\"command\": [\"sleep\", \"1\"], \"slot\": \"task\", \"count\": {\"per_slot\": 1}}], "
                + "\"attributes\": {\"system\": {\"duration\": 0, \"shell\": {\"options\": {\"per-resource\": "
                + "{\"type\": \"node\", \"count\": 2}}}, \"environment\": {}, \"cwd\": \"/\"}}, \"version\": 1}\n", r.out());
    }

    @Test
    void deprecatedDependencySchemeWarns() {
        FluxCli.Result r = FluxCli.run("submit", "--dry-run", "--dependency=after:42", "true");
        assertEquals(0, r.status(), r.err());
        assertEquals("dependency scheme 'after' is deprecated, use 'afterstart'\n", r.err());
        assertTrue(r.out().contains("\"dependencies\": [{\"scheme\": \"after\", \"value\": \"42\"}]"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--frobnicate", "-Z", "--ntasks"})
    void badOptionIsOneLineStatusTwo(String option) {
        FluxCli.Result s = FluxCli.run("submit", "--dry-run", option);
        assertOneLine(s, 2, "flux-submit: ");
        FluxCli.Result r = FluxCli.run("run", "--dry-run", option);
        assertOneLine(r, 2, "flux-run: ");
    }

    @Test
    void badValuesAreOneLineStatusOne() {
        assertEquals("flux-submit: --ntasks: invalid int value 'x'\n",
                FluxCli.run("submit", "--dry-run", "-n", "x", "hostname").err());
        assertOneLine(FluxCli.run("run", "--dry-run", "-N3", "-n2", "hostname"), 1,
                "flux-run: node count must not be greater than task count");
        assertOneLine(FluxCli.run("run", "--dry-run", "-t", "soon", "hostname"), 1,
                "flux-run: invalid Flux standard duration");
        assertOneLine(FluxCli.run("submit", "--dry-run", "--dependency=1x:y", "hostname"), 1,
                "flux-submit: Invalid dependency URI \"1x:y\"");
        assertOneLine(FluxCli.run("submit", "--dry-run", "--env=X=$NOT_SET_ANYWHERE", "true"), 1,
                "flux-submit: --env: Variable 'NOT_SET_ANYWHERE' not found in X=$NOT_SET_ANYWHERE");
        assertOneLine(FluxCli.run("submit", "--dry-run"), 1, "flux-submit: job command and arguments are missing");
        assertOneLine(FluxCli.run("run", "--dry-run", "--requires=host:a", "true"), 1, "flux-run: --requires: ");
    }

    @Test
    void withoutDryRunNoInstanceIsReachable() {
        FluxCli.Result r = FluxCli.run("submit", "hostname");
        assertOneLine(r, 1, "flux-submit: ");
        assertTrue(r.err().contains("cannot connect"), r.err());
        assertOneLine(FluxCli.run("run", "--urgency=99", "hostname"), 1, "flux-run: --urgency: ");
        assertOneLine(FluxCli.run("run", "--flags=bogus", "hostname"), 1, "flux-run: --flags: Unknown flag bogus");
    }

    @Test
    void helpListsTheOptions() {
        FluxCli.Result r = FluxCli.run("submit", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("--dry-run"), r.out());
        assertTrue(r.out().contains("--cores-per-task"), r.out());
        assertEquals(r.out().replace("submit", "run").contains("--wait-event"), true);
    }
}
