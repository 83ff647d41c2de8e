/**
 * ZeroMQ CURVE certificates as flux-core's {@code flux keygen} writes them (ZPL text, Z85 keys,
 * mode 0600): read, written and made by the overlay and by the {@code flux} command alike.
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.curve;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
