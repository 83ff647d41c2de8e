package org.fluxj.job.ingest.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A frobnicator plugin (flux-core's {@code flux job-frobnicator} plugins): modifies a submitted
 * jobspec in place before the validators see it (sets defaults, adds constraints). Called on
 * job-ingest's thread, so it must not block.
 */
public interface JobFrobnicator {

    /**
     * Modifies {@code jobspec} in place.
     *
     * @throws JobRejectedException if the jobspec cannot be made acceptable (no queue given where
     *     queues are configured, an unknown queue), with the message the submitter is to see
     */
    void frobnicate(ObjectNode jobspec, SubmitContext context) throws JobRejectedException;
}
