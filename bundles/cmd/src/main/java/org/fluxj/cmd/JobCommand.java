package org.fluxj.cmd;

import picocli.CommandLine.Command;

/**
 * {@code flux job}: the group of job subcommands. Each subcommand is its own class listed
 * below; without one, the usage is shown and the status is 1, as flux-core's flux-job does.
 */
@Command(name = "job",
        synopsisSubcommandLabel = "COMMAND",
        description = "Interact with Flux jobs.",
        subcommands = {
            JobIdCommand.class,
        })
final class JobCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
