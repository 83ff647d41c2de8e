package org.fluxj.cmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -L/--color[=WHEN]} as flux-core's optparse_get_color reads it: WHEN is
 * {@code always}, {@code never} or {@code auto} (color if standard output is a terminal); the
 * option without WHEN means {@code always}; without the option, {@code auto}, or {@code never}
 * when {@code NO_COLOR} is set and not empty (no-color.org).
 */
public final class Color {
    public static final String DESCRIPTION = "Colorize output when supported; WHEN can be 'always' "
            + "(default if omitted), 'never', or 'auto' (default).";

    private Color() {
    }

    /**
     * Whether to color, for the option's value (null when the option was not given).
     *
     * @throws CommandException for a WHEN other than always, never or auto
     */
    public static boolean use(String when, String option) {
        String w = when;
        if (w == null) {
            String noColor = System.getenv("NO_COLOR");
            w = noColor != null && !noColor.isEmpty() ? "never" : "auto";
        }
        return switch (w) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> stdoutIsTty();
            default -> throw new CommandException("Invalid argument to --" + option + ": '" + w + "'");
        };
    }

    /** isatty(STDOUT_FILENO): where file descriptor 1 leads, else whether there is a console. */
    static boolean stdoutIsTty() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
