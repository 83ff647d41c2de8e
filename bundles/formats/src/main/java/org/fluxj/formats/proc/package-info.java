/**
 * How a Flux component starts a process, as flux-core's libsubprocess does: the signal state a
 * child begins with. Shared by the broker (its subprocess server and rc scripts) and the
 * {@code flux} command ({@code flux start}).
 */
@Export
@Version("1.0.0")
package org.fluxj.formats.proc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
