/** The Flux task map, RFC 34: which job task ranks run on which node IDs. */
@Export
@Version("1.0.0")
package org.fluxj.formats.taskmap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
