/** FLUID job ids, RFC 19: generation, the standard encodings, and job id parsing. */
@Export
@Version("1.0.0")
package org.fluxj.formats.fluid;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
