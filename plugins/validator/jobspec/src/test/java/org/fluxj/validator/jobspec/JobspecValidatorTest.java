package org.fluxj.validator.jobspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fluxj.formats.json.Json;
import org.fluxj.job.ingest.api.JobPlugins;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.junit.jupiter.api.Test;

class JobspecValidatorTest {
    private static final SubmitContext CTX = new SubmitContext(1000, 2, 16, 0, Json.object());

    @Test
    void acceptsVersionOneAndRefusesWithTheJobspecReadersWords() throws Exception {
        JobspecValidator v = new JobspecValidator();
        assertEquals("jobspec", JobPlugins.nameOf(v));
        v.validate(Json.parse("{\"resources\":[{\"type\":\"slot\",\"count\":1,\"label\":\"task\",\"with\":"
                + "[{\"type\":\"core\",\"count\":1}]}],\"tasks\":[{\"command\":[\"true\"],\"slot\":\"task\","
                + "\"count\":{\"per_slot\":1}}],\"attributes\":{\"system\":{\"duration\":0}},\"version\":1}", "t"), CTX);
        JobRejectedException e = assertThrows(JobRejectedException.class,
                () -> v.validate(Json.parse("{\"version\":1}", "t"), CTX));
        assertEquals("jobspec: resources: required key missing", e.getMessage());
        assertEquals(22, e.errnum());
    }
}
