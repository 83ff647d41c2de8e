/** RFC 29 hostlists: decode, encode and manipulate ordered lists of host names. */
@Export
@Version("1.0.0")
package org.fluxj.formats.hostlist;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
