/** Sizes in bytes as flux-core's parse_size reads them: a number and a 1024-based suffix. */
@Export
@Version("1.0.0")
package org.fluxj.formats.size;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
