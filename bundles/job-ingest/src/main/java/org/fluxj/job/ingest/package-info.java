/**
 * The job-ingest broker module (flux-core src/modules/job-ingest): {@code job-ingest.submit}
 * takes RFC 12 signed jobspec, runs the frobnicator and validator plugins
 * ({@code org.fluxj.job.ingest.api}), assigns a FLUID (RFC 19), writes J and jobspec under
 * {@code job.<id>} (RFC 16) in one KVS commit per batch, and hands the batch to the job manager.
 */
package org.fluxj.job.ingest;
