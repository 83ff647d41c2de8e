package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code flux overlay}: the tree-based overlay network, as flux-core's builtin/overlay.c shows and
 * manages it (status, errors, lookup, parentof, disconnect). Without a subcommand the usage is shown
 * and the status is 1.
 */
@Command(name = "overlay",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage overlay network.")
final class OverlayCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("status", OverlayStatusCommand.class,
                "errors", OverlayErrorsCommand.class,
                "lookup", OverlayLookupCommand.class,
                "parentof", OverlayParentofCommand.class,
                "disconnect", OverlayDisconnectCommand.class);
    }
}
