package org.fluxj.rexec;

import java.util.Locale;
import org.fluxj.formats.msg.Errno;

/**
 * The per-stream command options flux-core honours: {@code NAME_LINE_BUFFER} ("true" or
 * "false", default true) and {@code NAME_BUFSIZE} (a size with an optional k/M/G suffix,
 * default 4 MiB). A bad value fails the launch with EINVAL.
 */
final class StreamOptions {
    static final int DEFAULT_BUFSIZE = 4 * 1024 * 1024;

    final boolean lineBuffered;
    final int bufsize;

    private StreamOptions(boolean lineBuffered, int bufsize) {
        this.lineBuffered = lineBuffered;
        this.bufsize = bufsize;
    }

    static StreamOptions of(Command cmd, String stream) throws RexecException {
        return new StreamOptions(lineBuffer(cmd.opt(stream + "_LINE_BUFFER")), bufsize(cmd.opt(stream + "_BUFSIZE")));
    }

    private static boolean lineBuffer(String v) throws RexecException {
        if (v == null || v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw RexecException.launchError(Errno.EINVAL);
    }

    private static int bufsize(String v) throws RexecException {
        if (v == null) {
            return DEFAULT_BUFSIZE;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (!s.isEmpty() && "kmg".indexOf(s.charAt(s.length() - 1)) >= 0) {
            mult = 1L << (10 * ("kmg".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        long size;
        try {
            size = Long.parseLong(s) * mult;
        } catch (NumberFormatException e) {
            throw RexecException.launchError(Errno.EINVAL);
        }
        if (size <= 0) {
            throw RexecException.launchError(Errno.EINVAL);
        }
        if (size > Integer.MAX_VALUE) {
            throw RexecException.launchError(Errno.EOVERFLOW);
        }
        return (int) size;
    }
}
