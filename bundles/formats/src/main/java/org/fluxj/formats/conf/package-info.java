/** Flux configuration files: TOML (and JSON) read and merged as flux-core's libflux conf.c does. */
@Export
@Version("1.0.0")
package org.fluxj.formats.conf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
