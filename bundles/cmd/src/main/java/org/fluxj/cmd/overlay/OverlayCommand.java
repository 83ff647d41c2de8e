package org.fluxj.cmd.overlay;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/**
 * {@code flux overlay}: the tree-based overlay network, as flux-core's builtin/overlay.c shows and
 * manages it (status, errors, lookup, parentof, disconnect). Without a subcommand the usage is shown
 * and the status is 1.
 */
@Command(name = "overlay",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage overlay network.")
public final class OverlayCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("status", OverlayStatusCommand.class,
                "errors", OverlayErrorsCommand.class,
                "lookup", OverlayLookupCommand.class,
                "parentof", OverlayParentofCommand.class,
                "disconnect", OverlayDisconnectCommand.class);
    }
}
