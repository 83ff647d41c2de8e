/** Definitions shared by every format of this bundle. */
@Export
@Version("1.0.0")
package org.fluxj.formats;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
