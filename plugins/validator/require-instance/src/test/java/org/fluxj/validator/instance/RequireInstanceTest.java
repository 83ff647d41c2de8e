package org.fluxj.validator.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fluxj.formats.json.Json;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.junit.jupiter.api.Test;

class RequireInstanceTest {
    private static final SubmitContext CTX = new SubmitContext(1000, 2, 16, 0, Json.object());
    private final RequireInstance v = new RequireInstance();

    private static String job(String command, String system) {
        return "{\"tasks\":[{\"command\":" + command + "}],\"attributes\":{\"system\":" + system + "}}";
    }

    @Test
    void instancesAndBatchJobsPass() throws Exception {
        v.validate(Json.parse(job("[\"flux\",\"broker\"]", "{}"), "t"), CTX);
        v.validate(Json.parse(job("[\"/usr/bin/flux\",\"start\",\"x\"]", "{}"), "t"), CTX);
        v.validate(Json.parse(job("[\"sh\"]", "{\"batch\":{\"script\":\"#!/bin/sh\"}}"), "t"), CTX);
    }

    @Test
    void otherJobsAreRefusedWithSeed001sWords() {
        JobRejectedException e = assertThrows(JobRejectedException.class,
                () -> v.validate(Json.parse(job("[\"myapp\"]", "{}"), "t"), CTX));
        assertEquals("Direct job submission is disabled for this instance. Please use the flux-batch(1) or "
                + "flux-alloc(1) commands.", e.getMessage());
    }
}
