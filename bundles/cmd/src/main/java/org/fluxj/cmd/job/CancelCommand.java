package org.fluxj.cmd.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.client.job.Jobs;
import org.fluxj.cmd.Argparse;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.JobId;
import org.fluxj.formats.job.JobState;
import org.fluxj.formats.proc.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux cancel}, as flux-core's: the jobs named, each failure one line and status 1; or,
 * with {@code --all}, {@code --user} or {@code --states}, every active job of a user (yourself by
 * default, {@code all} for the owner) in those states, counted on one line.
 */
@Command(name = "cancel", description = "Cancel pending or running jobs with an optional exception note.",
        customSynopsis = "flux cancel [OPTIONS] [JOBID...]")
public final class CancelCommand extends AbstractJobCommand implements Argparse {

    @Option(names = "--all", description = "Target all jobs")
    boolean all;

    @Option(names = {"-n", "--dry-run", "--dry"}, description = "Do not cancel any jobs")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Suppress output when no jobs match")
    boolean quiet;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Set target user or 'all' (instance owner only)")
    String user;

    @Option(names = {"-S", "--states", "--state"}, paramLabel = "STATES",
            description = "List of job states to target (default=active)")
    List<String> states = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "NOTE", description = "Set optional cancel exception note")
    String message;

    @Parameters(paramLabel = "JOBID", arity = "0..*", description = "jobids to cancel")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
        if (user != null || !states.isEmpty()) {
            all = true;
        }
        if (all && !ids.isEmpty()) {
            throw fail("ERROR: Do not specify a list of jobids with --all,--user,--states options");
        }
        return all ? cancelAll() : cancel();
    }

    private int cancel() {
        if (ids.isEmpty()) {
            throw fail("ERROR: No target jobs were provided");
        }
        List<Long> jobids = new ArrayList<>();
        for (String id : ids) {
            try {
                jobids.add(JobId.parse(id));
            } catch (FormatException e) {
                throw fail("ERROR: invalid JobID value: '%s'", id);
            }
        }
        if (dryRun) {
            logMsg("Would cancel %s", jobs(jobids.size()));
            return 0;
        }
        int status = 0;
        for (int i = 0; i < jobids.size(); i++) {
            try {
                Jobs.cancel(handle(), jobids.get(i), message);
            } catch (IOException e) {
                logMsg("ERROR: %s: %s", ids.get(i), reason(e));
                status = 1;
            }
        }
        return status;
    }

    private int cancelAll() {
        long userid;
        if (user == null) {
            userid = uid();
        } else if (user.equals("all")) {
            userid = Jobs.ANY_USER;
        } else {
            userid = Identity.uidOf(user).orElseThrow(() -> fail("ERROR: Invalid user %s specified", user));
        }
        int mask = 0;
        for (String state : states.isEmpty() ? new String[0] : String.join(",", states).split(",")) {
            int m = JobState.mask(state);
            if (m < 0 || m == JobState.NEW.bit || m == JobState.CLEANUP.bit || m == JobState.INACTIVE.bit) {
                throw fail("ERROR: Invalid state %s specified", state);
            }
            mask |= m;
        }
        if (mask == 0) {
            mask = JobState.PENDING | JobState.RUNNING;
        }
        Jobs.RaiseAllResult r;
        try {
            r = Jobs.raiseAll(handle(), dryRun, userid, mask, "cancel", 0, message);
        } catch (IOException e) {
            throw fail("ERROR: %s", reason(e));
        }
        if (r.count() > 0) {
            logMsg(dryRun ? "Would cancel %s" : "Canceled %s (%d error%s)", jobs(r.count()), r.errors(),
                    r.errors() == 1 ? "" : "s");
        } else if (!quiet) {
            logMsg("Matched 0 jobs");
        }
        return 0;
    }

    private static long uid() {
        try {
            return Identity.uid();
        } catch (IOException e) {
            throw fail("ERROR: %s", e.getMessage());
        }
    }

    private static String jobs(int n) {
        return n + " job" + (n == 1 ? "" : "s");
    }
}
