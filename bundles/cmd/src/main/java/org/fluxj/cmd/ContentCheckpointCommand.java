package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code flux content checkpoint list [-n] [-j] | update BLOBREF}. */
@Command(name = "checkpoint", synopsisSubcommandLabel = "COMMAND", description = "Manage checkpoints.")
final class ContentCheckpointCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("list", ContentCheckpointListCommand.class,
                "update", ContentCheckpointUpdateCommand.class);
    }
}
