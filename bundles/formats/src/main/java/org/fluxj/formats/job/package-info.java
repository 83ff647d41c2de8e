/**
 * RFC 21 job states: their names, flux-core's bit values and the masks commands select jobs by.
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.job;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
