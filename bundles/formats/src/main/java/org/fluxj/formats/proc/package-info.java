/**
 * How a Flux component starts a process, as flux-core's libsubprocess does: the signal state a
 * child begins with ({@code DefaultSignals}) and the program execvp(3) would run
 * ({@code PathSearch}); and who and where this process is ({@code Identity}: host name, uid,
 * gid). Shared by the broker (its subprocess server and rc scripts) and the {@code flux} command.
 */
@Export
@Version("1.2.0")
package org.fluxj.formats.proc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
