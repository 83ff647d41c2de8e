/** Flux messages as RFC 3 defines them, encoded byte for byte as flux-core 0.88 does, with both transports' framing. */
@Export
@Version("1.1.0")
package org.fluxj.formats.msg;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
