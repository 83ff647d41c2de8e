package org.fluxj.formats.proc;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Children that begin with every signal at its default disposition and none blocked, as
 * flux-core's subprocess code starts them (posix_spawn with SETSIGDEF and an empty SETSIGMASK).
 * A JVM cannot arrange that: its children inherit what it ignores (a background job of a
 * non-interactive shell ignores SIGINT and SIGQUIT, nohup SIGHUP), and its threads block SIGQUIT.
 * So a command is run through {@code env --default-signal} (coreutils 8.31 or later, in every
 * Debian since 11), which resets every signal, unblocks them, and execs in place (same pid).
 * A shell cannot stand in: POSIX has a non-interactive shell keep signals ignored on entry
 * ignored, whatever {@code trap} says. Where env lacks the option, commands run as they are.
 */
public final class DefaultSignals {
    /** Signals 32 and 33 are glibc's own (thread cancellation, setxid), not a program's. */
    private static final long GLIBC_INTERNAL = 3L << 31;

    private DefaultSignals() {
    }

    private static final class Probe {
        static final List<String> PREFIX = probe();
    }

    /**
     * What to put before a command's argv: {@code [/usr/bin/env, --default-signal]}, or an
     * empty list where no env(1) has the option (probed once).
     */
    public static List<String> prefix() {
        return Probe.PREFIX;
    }

    /** {@code argv} run through {@link #prefix()}. */
    public static List<String> command(List<String> argv) {
        if (prefix().isEmpty() || argv.isEmpty() || argv.get(0).indexOf('=') >= 0) {
            return argv; // env would take NAME=VALUE as an assignment, not a program
        }
        List<String> all = new ArrayList<>(prefix());
        all.addAll(argv);
        return all;
    }

    /**
     * Whether this process ignores a signal (SigIgn of /proc/self/status) that its children
     * inherit until they are reset: one sent to a child in that time is lost.
     */
    public static boolean ignoresAny() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & ~GLIBC_INTERNAL) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: nothing known to be ignored
        }
        return false;
    }

    private static List<String> probe() {
        for (String p : List.of("/usr/bin/env", "/bin/env")) {
            if (new File(p).canExecute()) {
                try {
                    Process probe = new ProcessBuilder(p, "--default-signal", "true")
                            .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
                    return probe.waitFor() == 0 ? List.of(p, "--default-signal") : List.of();
                } catch (IOException e) {
                    return List.of();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
        return List.of();
    }
}
