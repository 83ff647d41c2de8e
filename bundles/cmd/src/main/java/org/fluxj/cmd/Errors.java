package org.fluxj.cmd;

import java.io.IOException;
import org.fluxj.formats.FormatException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** How a failed command is reported: one line, prefixed as flux-core prefixes it. */
final class Errors {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private Errors() {
    }

    /**
     * A usage error: one line naming the command, status 2 as argparse exits, or 1 as
     * flux-core's optparse and its C commands exit.
     */
    static int usage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        if (cl.getParent() == null && e instanceof UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            cl.getErr().printf("flux: `%s' is not a flux command.  See 'flux --help'%n", u.getUnmatched().get(0));
            return FAILURE;
        }
        cl.getErr().printf("%s: %s (see '%s --help')%n",
                prefix(cl), firstLine(e.getMessage()), cl.getCommandSpec().qualifiedName(" "));
        return isArgparse(cl) ? USAGE : FAILURE;
    }

    /** Whether a command (or the family it belongs to) reads its words as argparse does. */
    static boolean isArgparse(CommandLine cl) {
        for (CommandLine c = cl; c != null; c = c.getParent()) {
            if (c.getCommand() instanceof Argparse) {
                return true;
            }
        }
        return false;
    }

    static int failure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String message;
        if (e instanceof FormatException || e instanceof CommandException) {
            message = e.getMessage();
        } else if (e instanceof IOException) {
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        } else {
            message = "internal error: " + e;
        }
        cl.getErr().printf("%s: %s%n", prefix(cl), firstLine(message));
        return FAILURE;
    }

    /** "flux-job" for {@code flux job id}: the top-level command names the program. */
    static String prefix(CommandLine cl) {
        CommandLine top = cl;
        while (top.getParent() != null && top.getParent().getParent() != null) {
            top = top.getParent();
        }
        return top.getParent() == null ? "flux" : "flux-" + top.getCommandName();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
