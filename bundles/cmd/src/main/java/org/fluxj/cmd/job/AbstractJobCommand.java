package org.fluxj.cmd.job;

import java.io.IOException;
import java.util.List;
import org.fluxj.client.FluxException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fluid.JobId;

/** A job command that names jobs by id: parsing them and reporting a failed request per job. */
abstract class AbstractJobCommand extends AbstractCommand {

    /** A job id in any form; a bad one ends the command as flux-core's parse_jobid does. */
    static long jobid(String s) {
        try {
            return JobId.parse(s);
        } catch (FormatException e) {
            throw fail("error parsing jobid: \"%s\"", s);
        }
    }

    /** Whether {@code s} is a job id (the ids of {@code raise} and {@code cancel} end at the first that is not). */
    static boolean isJobid(String s) {
        return JobId.isValid(s);
    }

    /** Leading ids of {@code words}, up to {@code --} or the first word that is no id. */
    static int idCount(List<String> words) {
        int n = 0;
        while (n < words.size() && !words.get(n).equals("--") && isJobid(words.get(n))) {
            n++;
        }
        return n;
    }

    /** The words after the ids (and a {@code --}) as one note, or null if none. */
    static String note(List<String> words, int ids) {
        int from = ids < words.size() && words.get(ids).equals("--") ? ids + 1 : ids;
        return from >= words.size() ? null : String.join(" ", words.subList(from, words.size()));
    }

    /** A failed request's text, as future_strerror gives it. */
    static String reason(IOException e) {
        return e instanceof FluxException ? e.getMessage() : String.valueOf(e.getMessage());
    }
}
