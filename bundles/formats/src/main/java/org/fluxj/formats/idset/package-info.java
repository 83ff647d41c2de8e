/** RFC 22 idsets: decode, encode and combine sets of non-negative integer ids. */
@Export
@Version("1.0.0")
package org.fluxj.formats.idset;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
