package org.fluxj.cmd.job;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/**
 * {@code flux job}: the group of job subcommands. Each subcommand is its own class listed
 * below; without one, the usage is shown and the status is 1, as flux-core's flux-job does.
 */
@Command(name = "job",
        synopsisSubcommandLabel = "COMMAND",
        description = "Interact with Flux jobs.")
public final class JobCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("id", JobIdCommand.class, "urgency", JobUrgencyCommand.class, "raise", JobRaiseCommand.class,
                "cancel", JobCancelCommand.class, "eventlog", JobEventlogCommand.class, "wait", JobWaitCommand.class);
    }
}
