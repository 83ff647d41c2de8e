package org.fluxj.cmd.job;

import org.fluxj.cmd.Remainder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux run}: run a job interactively. Today only {@code --dry-run} works. */
@Command(name = "run", description = "run a job interactively",
        customSynopsis = "flux run [OPTIONS...] COMMAND [ARGS...]",
        modelTransformer = Remainder.class)
public final class RunCommand extends AbstractSubmissionCommand {

    @Option(names = "--wait-event", paramLabel = "NAME", description = "Pass --wait-event=NAME to flux-job attach")
    String waitEvent;
}
