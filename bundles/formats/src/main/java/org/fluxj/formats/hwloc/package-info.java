/**
 * A machine's cores and GPUs as R needs them: read from hwloc's XML topology export (what
 * {@code flux R encode --xml} takes) or from the local system.
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.hwloc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
