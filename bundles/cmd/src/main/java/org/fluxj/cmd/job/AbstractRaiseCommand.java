package org.fluxj.cmd.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * {@code flux job raise} and {@code flux job cancel}: {@code IDS... [--] [MESSAGE...]}, an
 * exception on each job; each failure is one line ({@code flux-job: ID: reason}) and makes the
 * status 1, as flux-core's wait_all_check reports them.
 */
abstract class AbstractRaiseCommand extends AbstractJobCommand {

    @Parameters(paramLabel = "ids", arity = "1..*", description = "Job ids, then an optional message.")
    List<String> words = new ArrayList<>();

    /** Raises the command's exception on one job. */
    abstract void raise(long id, String note) throws IOException;

    /** The note given by option, if the command has one. */
    String noteOption() {
        return null;
    }

    @Override
    public Integer call() {
        int n = idCount(words);
        if (n == 0) {
            throw fail("error parsing jobid: \"%s\"", words.get(0));
        }
        String note = noteOption() != null ? noteOption() : note(words, n);
        int status = 0;
        for (String id : words.subList(0, n)) {
            try {
                raise(jobid(id), note);
            } catch (IOException e) {
                err().println("flux-job: " + id + ": " + reason(e));
                status = 1;
            }
        }
        return status;
    }
}
