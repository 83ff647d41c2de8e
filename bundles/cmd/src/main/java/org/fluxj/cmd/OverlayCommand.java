package org.fluxj.cmd;

import picocli.CommandLine.Command;

/**
 * {@code flux overlay}: the tree-based overlay network, as flux-core's builtin/overlay.c shows and
 * manages it (status, errors, lookup, parentof, disconnect). Without a subcommand the usage is shown
 * and the status is 1.
 */
@Command(name = "overlay",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage overlay network.",
        subcommands = {
            OverlayStatusCommand.class,
            OverlayErrorsCommand.class,
            OverlayLookupCommand.class,
            OverlayParentofCommand.class,
            OverlayDisconnectCommand.class,
        })
final class OverlayCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
