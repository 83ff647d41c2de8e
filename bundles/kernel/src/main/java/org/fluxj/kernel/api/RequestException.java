package org.fluxj.kernel.api;

import org.fluxj.formats.msg.Errno;

/** A request failed: answered to the requester with this errno and message (RFC 6). */
public class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public RequestException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public RequestException(Errno errno) {
        this(errno, null);
    }

    public Errno errno() {
        return errno;
    }
}
