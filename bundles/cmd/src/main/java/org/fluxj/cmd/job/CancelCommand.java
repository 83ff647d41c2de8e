package org.fluxj.cmd.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.client.job.Jobs;
import org.fluxj.cmd.Argparse;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.JobId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux cancel [-m NOTE] IDS...}: cancels jobs, as flux-core's in its basic form (the
 * {@code --all}, {@code --user} and {@code -S} forms need job-list, not there yet). Each
 * failure is one line; any makes the status 1.
 */
@Command(name = "cancel", description = "cancel one or more jobs", customSynopsis = "flux cancel [OPTIONS] [JOBID...]")
public final class CancelCommand extends AbstractJobCommand implements Argparse {

    @Option(names = {"-m", "--message"}, paramLabel = "NOTE", description = "Set optional cancel exception note")
    String message;

    @Option(names = {"-q", "--quiet"}, description = "Suppress output if no jobs match")
    boolean quiet;

    @Parameters(paramLabel = "JOBID", arity = "1..*", description = "jobids to cancel")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
        int status = 0;
        for (String id : ids) {
            long jobid;
            try {
                jobid = JobId.parse(id);
            } catch (FormatException e) {
                throw fail("ERROR: invalid JobID value: '%s'", id);
            }
            try {
                Jobs.cancel(handle(), jobid, message);
            } catch (IOException e) {
                err().println("flux-cancel: " + id + ": " + reason(e));
                status = 1;
            }
        }
        return status;
    }
}
