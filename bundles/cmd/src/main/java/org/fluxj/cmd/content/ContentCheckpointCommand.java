package org.fluxj.cmd.content;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux content checkpoint list [-n] [-j] | update BLOBREF}. */
@Command(name = "checkpoint", synopsisSubcommandLabel = "COMMAND", description = "Manage checkpoints.")
final class ContentCheckpointCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("list", ContentCheckpointListCommand.class,
                "update", ContentCheckpointUpdateCommand.class);
    }
}
