/**
 * The job-manager broker module (flux-core src/modules/job-manager): takes the jobs job-ingest
 * announces ({@code job-manager.submit}) and walks them through the states of RFC 21, each
 * change an event in the job's KVS eventlog; urgency (RFC 30), priority, exceptions and cancel;
 * on restart the active jobs are rebuilt from their eventlogs.
 */
package org.fluxj.job.manager;
