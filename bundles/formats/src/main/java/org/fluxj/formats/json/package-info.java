/**
 * The shared JSON configuration (Jackson) for payloads and documents, and JSON text exactly as
 * flux-core's jansson writes it.
 */
@Export
@Version("1.1.0")
package org.fluxj.formats.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
