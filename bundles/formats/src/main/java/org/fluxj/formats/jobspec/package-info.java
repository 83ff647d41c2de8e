/** Jobspec: RFC 14 canonical jobspec and its version 1 subset (RFC 25), read, validated and built. */
@Export
@Version("1.1.0")
package org.fluxj.formats.jobspec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
