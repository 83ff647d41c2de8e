package org.fluxj.kernel.rexec;

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
}
