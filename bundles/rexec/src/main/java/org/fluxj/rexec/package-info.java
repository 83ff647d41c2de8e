/**
 * The broker's subprocess server (RFC 42), served as {@code rexec}: every process a broker starts
 * (job tasks, prolog/epilog, {@code flux exec} commands) is a child of this server, not of the
 * module that asked, so a module swapped in place re-attaches to its processes by label.
 *
 * <p>{@link org.fluxj.rexec.SubprocessServer} takes decoded requests ({@code rexec.exec},
 * {@code .write}, {@code .kill}, {@code .list}, {@code .wait}, {@code .attach},
 * {@code .disconnect}) with the payloads flux-core's libsubprocess server uses, and answers
 * through a {@link org.fluxj.rexec.Responder}. All of its state lives on one serial
 * executor; children are spawned on a small pool, their pipes read by pooled threads, and their
 * exits observed through {@link java.lang.Process#onExit()}.
 *
 * <p>Each child runs in its own process group (through {@code setsid(1)}, since Java cannot call
 * {@code setpgid}); signals go to the group through one long-lived shell's {@code kill} builtin
 * ({@link org.fluxj.rexec.ShellSignaller}), so no process is forked per signal.
 */
package org.fluxj.rexec;
