package org.fluxj.cmd.job;

import java.io.IOException;
import org.fluxj.client.job.Jobs;
import org.fluxj.cmd.Remainder;
import org.fluxj.formats.fluid.Fluid;
import org.fluxj.formats.fluid.FluidEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux run}: run a job interactively. Today only {@code --dry-run} works: jobs do not run yet. */
@Command(name = "run", description = "run a job interactively",
        customSynopsis = "flux run [OPTIONS...] COMMAND [ARGS...]",
        modelTransformer = Remainder.class)
public final class RunCommand extends AbstractSubmissionCommand {

    @Option(names = "--wait-event", paramLabel = "NAME", description = "Pass --wait-event=NAME to flux-job attach")
    String waitEvent;

    /** Jobs do not run yet (no scheduler or job-exec): the job is withdrawn rather than left waiting. */
    @Override
    void submitted(long id) {
        try {
            Jobs.cancel(handle(), id, "flux run: running jobs is not supported yet");
        } catch (IOException e) {
            // the failure below says what matters
        }
        throw fail("ERROR: running jobs is not supported yet (job %s canceled)", Fluid.encode(id, FluidEncoding.F58));
    }
}
