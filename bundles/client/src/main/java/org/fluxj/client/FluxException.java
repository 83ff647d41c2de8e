package org.fluxj.client;

import java.io.IOException;
import org.fluxj.formats.msg.Errno;

/**
 * A request failed (RFC 6): the errno of the error response, and its message as
 * {@code future_strerror} gives it (the error string if the response has one, else strerror).
 */
public class FluxException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errnum;

    public FluxException(int errnum, String message) {
        super(message != null && !message.isEmpty() ? message : Errno.strerror(errnum));
        this.errnum = errnum;
    }

    public int errnum() {
        return errnum;
    }

    public boolean is(Errno e) {
        return errnum == e.number();
    }
}
