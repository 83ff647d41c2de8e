/** The shared JSON configuration (Jackson) for payloads and documents. */
@Export
@Version("1.0.0")
package org.fluxj.formats.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
