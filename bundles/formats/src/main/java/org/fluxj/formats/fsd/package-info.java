/** Flux Standard Duration, RFC 23: parsing and formatting of time durations. */
@Export
@Version("1.0.0")
package org.fluxj.formats.fsd;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
