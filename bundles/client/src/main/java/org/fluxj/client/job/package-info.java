/**
 * Job requests as libjob makes them: submit (RFC 12 signed jobspec to {@code job-ingest.submit}),
 * urgency, raise and cancel ({@code job-manager.*}), and a job's KVS paths.
 */
@Export
@Version("1.0.0")
package org.fluxj.client.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
