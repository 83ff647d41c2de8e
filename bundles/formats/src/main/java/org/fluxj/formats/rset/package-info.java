/** The Flux resource set R, RFC 20 version 1, and its {@code [[resource.config]]} TOML form. */
@Export
@Version("1.0.0")
package org.fluxj.formats.rset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
