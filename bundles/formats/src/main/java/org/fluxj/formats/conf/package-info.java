/**
 * Flux configuration: TOML (and JSON) files read and merged as flux-core's libflux conf.c does,
 * {@code --conf} values, dotted key paths (jpath), and the compiled-in paths (conf_builtin.c).
 */
@Export
@Version("1.3.0")
package org.fluxj.formats.conf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
