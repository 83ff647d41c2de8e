package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code flux job}: the group of job subcommands. Each subcommand is its own class listed
 * below; without one, the usage is shown and the status is 1, as flux-core's flux-job does.
 */
@Command(name = "job",
        synopsisSubcommandLabel = "COMMAND",
        description = "Interact with Flux jobs.")
final class JobCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("id", JobIdCommand.class);
    }
}
