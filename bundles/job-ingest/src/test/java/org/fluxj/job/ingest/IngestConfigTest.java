package org.fluxj.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;

/** {@code [ingest]} read as flux-core's job-ingest reads it. */
class IngestConfigTest {
    private static final Set<String> VALIDATORS = Set.of("jobspec", "require-instance");
    private static final Set<String> FROBNICATORS = Set.of("defaults", "constraints");

    private static IngestConfig read(String json) throws Exception {
        return IngestConfig.read(Json.parse(json, "config"), VALIDATORS, FROBNICATORS);
    }

    @Test
    void defaultsAreTheJobspecValidatorAndNoFrobnicator() throws Exception {
        IngestConfig c = read("{}");
        assertEquals(List.of("jobspec"), c.validators());
        assertEquals(List.of(), c.frobnicators());
        assertEquals(0, c.batchCount());
    }

    @Test
    void defaultsOrQueuesConfiguredBringTheDefaultFrobnicators() throws Exception {
        assertEquals(List.of("defaults", "constraints"),
                read("{\"policy\":{\"jobspec\":{\"defaults\":{\"system\":{\"duration\":\"1m\"}}}}}").frobnicators());
        assertEquals(List.of("defaults", "constraints"), read("{\"queues\":{\"debug\":{}}}").frobnicators());
        assertEquals(List.of(), read("{\"queues\":{\"debug\":{}},\"ingest\":{\"frobnicator\":{\"disable\":true}}}")
                .frobnicators());
    }

    @Test
    void pluginsDisableAndBatchCountAreRead() throws Exception {
        assertEquals(List.of("require-instance"),
                read("{\"ingest\":{\"validator\":{\"plugins\":[\"require-instance\"]}}}").validators());
        assertEquals(List.of(), read("{\"ingest\":{\"validator\":{\"disable\":true}}}").validators());
        assertEquals(8, read("{\"ingest\":{\"batch-count\":8}}").batchCount());
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        String[][] cases = {
            {"{\"ingest\":{\"validator\":{\"plugins\":\"jobspec\"}}}", "ingest.validator.plugins", "must be an array of strings"},
            {"{\"ingest\":{\"validator\":{\"plugins\":[1]}}}", "ingest.validator.plugins", "must be an array of strings"},
            {"{\"ingest\":{\"validator\":{\"args\":[\"--x\"]}}}", "ingest.validator.args", "not supported"},
            {"{\"ingest\":{\"frobnicator\":{\"x\":1}}}", "ingest.frobnicator.x", "unknown key"},
            {"{\"ingest\":{\"validator\":1}}", "ingest.validator", "must be a table"},
            {"{\"ingest\":{\"batch-count\":-1}}", "ingest.batch-count", "must be in the range of 0-2147483647"},
            {"{\"ingest\":{\"buffer-size\":\"1M\"}}", "ingest.buffer-size", "not supported"},
        };
        for (String[] c : cases) {
            ConfigKeyException e = assertThrows(ConfigKeyException.class, () -> read(c[0]), c[0]);
            assertEquals(c[1], e.key(), c[0]);
            assertEquals(true, e.getMessage().contains(c[2]), e.getMessage());
        }
    }
}
