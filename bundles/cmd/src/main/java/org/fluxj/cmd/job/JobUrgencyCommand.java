package org.fluxj.cmd.job;

import java.io.IOException;
import java.util.Locale;
import org.fluxj.client.job.Jobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux job urgency [-v] ID URGENCY}: as flux-core's, urgency 0-31 or hold, expedite, default. */
@Command(name = "urgency", description = "Set job urgency (0-31, HOLD, EXPEDITE, DEFAULT)",
        customSynopsis = "flux job urgency [OPTIONS] id urgency")
final class JobUrgencyCommand extends AbstractJobCommand {

    @Option(names = {"-v", "--verbose"}, description = "Output old urgency value on success")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "id", description = "The job.")
    String id;

    @Parameters(index = "1", paramLabel = "urgency", description = "0-31, or hold, expedite, default.")
    String urgency;

    @Override
    public Integer call() {
        long jobid = jobid(id);
        int u = switch (urgency.toLowerCase(Locale.ROOT)) {
            case "hold" -> 0;
            case "expedite" -> 31;
            case "default" -> 16;
            default -> parse(urgency);
        };
        int old;
        try {
            old = Jobs.urgency(handle(), jobid, u);
        } catch (IOException e) {
            throw fail("%s: %s", id, reason(e));
        }
        if (verbose) {
            err().println(old == 0 ? "old urgency: job held" : old == 31 ? "old urgency: job expedited"
                    : "old urgency: " + old);
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw fail("error parsing urgency: \"%s\"", s);
    }
}
