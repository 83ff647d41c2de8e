package org.fluxj.cmd.job;

import org.fluxj.cmd.Remainder;
import org.fluxj.formats.fluid.Fluid;
import org.fluxj.formats.fluid.FluidEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux submit}: enqueue a job and print its id (f58), or its jobspec with {@code --dry-run}. */
@Command(name = "submit", description = "enqueue a job",
        customSynopsis = "flux submit [OPTIONS...] COMMAND [ARGS...]",
        modelTransformer = Remainder.class)
public final class SubmitCommand extends AbstractSubmissionCommand {
    private String cc;

    @Option(names = "--cc", paramLabel = "IDSET",
            description = "Replicate job for each ID in IDSET. (FLUX_JOB_CC=ID will be set for each job submitted)")
    void cc(String v) {
        cc = v;
    }

    @Option(names = "--bcc", paramLabel = "IDSET", description = "Like --cc, but FLUX_JOB_CC is not set")
    void bcc(String v) {
        cc = v;
    }

    @Option(names = "--wait-event", paramLabel = "NAME", description = "Wait for event NAME for all jobs after submission")
    String waitEvent;

    @Option(names = "--wait", description = "Wait for all jobs to complete after submission (same as --wait-event=clean)")
    boolean waitClean;

    @Option(names = "--watch", description = "Watch all job output (implies --wait)")
    boolean watch;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Print program log messages (e.g. submitted jobid) to FILE instead of terminal")
    String log;

    @Option(names = "--log-stderr", paramLabel = "FILE",
            description = "Separate stderr messages into FILE instead of terminal or logfile destination")
    String logStderr;

    @Option(names = "--progress", description = "Show progress of job submission or completion (with --wait)")
    boolean progress;

    @Option(names = "--jps", description = "With --progress, show job throughput")
    boolean jps;

    @Override
    void unsupported() {
        super.unsupported();
        if (cc != null) {
            throw fail("--cc/--bcc: job replication is not supported yet");
        }
        if (waitEvent != null || waitClean || watch) {
            throw fail("--wait, --wait-event, --watch: waiting for jobs is not supported yet");
        }
        if (log != null || logStderr != null || progress || jps) {
            throw fail("--log, --log-stderr, --progress, --jps: not supported yet");
        }
    }

    @Override
    void submitted(long id) {
        out().println(Fluid.encode(id, FluidEncoding.F58));
    }
}
