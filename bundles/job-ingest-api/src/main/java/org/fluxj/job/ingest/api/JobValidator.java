package org.fluxj.job.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validator plugin (flux-core's {@code flux job-validator} plugins): accepts a jobspec by
 * returning, rejects it by throwing. Called on job-ingest's thread, so it must not block.
 */
public interface JobValidator {

    /**
     * Checks one submission. {@code context.config()} is the configuration at the time, so a
     * plugin keeps no state of its own between calls.
     *
     * @throws JobRejectedException with the message the submitter is to see
     */
    void validate(JsonNode jobspec, SubmitContext context) throws JobRejectedException;
}
