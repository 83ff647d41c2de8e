package org.fluxj.job.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a plugin is told of a submission besides its jobspec: who submitted it
 * ({@code userid}, {@code rolemask} as RFC 12 credentials carry them), the requested
 * {@code urgency} (RFC 30) and the submit {@code flags}; {@code config} is the instance
 * configuration as JSON (empty object if none), from which a plugin reads its own tables.
 */
public record SubmitContext(long userid, int rolemask, int urgency, int flags, JsonNode config) {
}
