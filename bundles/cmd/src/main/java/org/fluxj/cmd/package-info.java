/**
 * The {@code flux} command: its entry point and table of commands ({@link org.fluxj.cmd.Flux}),
 * {@code flux help}, and the base every command stands on: {@link org.fluxj.cmd.AbstractCommand}
 * (connection, output, one-line errors), {@link org.fluxj.cmd.AbstractFamilyCommand} (a command
 * made of subcommands), {@link org.fluxj.cmd.Getopt} and {@link org.fluxj.cmd.Argparse} (how a
 * command line is read), and the output helpers ({@link org.fluxj.cmd.Color},
 * {@link org.fluxj.cmd.PyFormat}). Each command family is a subpackage; Flux-client logic the
 * commands share is in the client library ({@code org.fluxj.client}), not here.
 */
package org.fluxj.cmd;
