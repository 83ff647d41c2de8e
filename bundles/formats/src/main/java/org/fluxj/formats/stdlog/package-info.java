/**
 * Log entries as Flux carries them (flux-core libutil/stdlog.c): RFC 5424 syslog text, the
 * payload of {@code log.append} requests and {@code log.dmesg} responses.
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.stdlog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
