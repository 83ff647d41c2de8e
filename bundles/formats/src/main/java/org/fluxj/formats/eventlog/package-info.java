/** Flux KVS event logs, RFC 18: entries and newline-delimited logs, as flux-core's libeventlog. */
@Export
@Version("1.0.0")
package org.fluxj.formats.eventlog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
