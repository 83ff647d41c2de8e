package org.fluxj.cmd.job;

import java.io.IOException;
import org.fluxj.client.FluxException;
import org.fluxj.client.job.Jobs;
import org.fluxj.formats.fluid.FluidEncoding;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.msg.Errno;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux job wait [-av] [ID]}, as flux-core's: the result of a job submitted with
 * {@code --flags=waitable}, or of the next one to end; exit 1 if it failed, 2 if there was
 * nothing to wait for.
 */
@Command(name = "wait", description = "Wait for job(s) to complete.",
        customSynopsis = "flux job wait [OPTIONS] [id]")
final class JobWaitCommand extends AbstractJobCommand {

    @Option(names = {"-a", "--all"}, description = "Wait for all (waitable) jobs")
    boolean all;

    @Option(names = {"-v", "--verbose"}, description = "Emit a line of output for all jobs, not just failing ones")
    boolean verbose;

    @Parameters(index = "0", arity = "0..1", paramLabel = "id", description = "The job; any if omitted.")
    String id;

    @Override
    public Integer call() {
        long jobid = id == null ? Jobs.ANY : jobid(id);
        if (id != null && all) {
            throw fail("jobid not supported with --all");
        }
        return all ? waitAll() : waitOne(jobid);
    }

    private int waitAll() {
        int rc = 0;
        for (;;) {
            Jobs.WaitResult r;
            try {
                r = Jobs.wait(handle(), Jobs.ANY);
            } catch (FluxException e) {
                if (e.is(Errno.ECHILD)) {
                    return rc; // no more waitable jobs
                }
                throw fail("flux_job_wait_get_status: %s", reason(e));
            } catch (IOException e) {
                throw fail("flux_job_wait_get_status: %s", reason(e));
            }
            if (!r.success()) {
                err().printf("%s: %s%n", f58(r.id()), r.errstr());
                rc = 1;
            } else if (verbose) {
                err().printf("%s: job completed successfully%n", f58(r.id()));
            }
        }
    }

    private int waitOne(long jobid) {
        Jobs.WaitResult r;
        try {
            r = Jobs.wait(handle(), jobid);
        } catch (IOException e) {
            logMsg("%s", reason(e));
            return e instanceof FluxException f && f.is(Errno.ECHILD) ? 2 : 1;
        }
        if (jobid == Jobs.ANY) {
            out().println(f58(r.id()));
        }
        if (!r.success()) {
            logMsg("%s", r.errstr()); // as it is, trailing space and all
            return 1;
        }
        return 0;
    }

    private static String f58(long id) {
        return JobId.encode(id, FluidEncoding.F58);
    }
}
