package org.fluxj.rexec;

import org.fluxj.formats.msg.Errno;

/** A request the server refuses: answered with this errno and text. */
final class RexecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    RexecException(Errno errno, String text) {
        super(text);
        this.errno = errno;
    }

    Errno errno() {
        return errno;
    }

    /** A process that could not be started, worded as flux-core's server words it. */
    static RexecException launchError(Errno errno) {
        return new RexecException(errno, "error launching process: " + errno.message());
    }
}
