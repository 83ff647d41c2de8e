/**
 * The plugin families of job-ingest: {@link JobFrobnicator} (modifies a submitted jobspec) and
 * {@link JobValidator} (accepts or rejects it), each a service found by the name its
 * {@link JobPlugin} gives, as {@code [ingest.frobnicator] plugins} and
 * {@code [ingest.validator] plugins} list them. The broker finds them as DS services; the
 * {@code flux job-validator} command, a plain JVM, with {@link java.util.ServiceLoader}.
 */
@Export
@Version("1.0.0")
package org.fluxj.job.ingest.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
