package org.fluxj.kernel.api;

import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

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

    /**
     * What a request handler's failure is answered with: its own errno for a
     * RequestException, EPROTO for a malformed payload ({@code FormatException}), else EINVAL
     * with the failure's message, or its class's name when it has none (a StackOverflowError).
     */
    public static RequestException of(Throwable handlerFailure) {
        if (handlerFailure instanceof RequestException r) {
            return r;
        }
        Errno errno = handlerFailure instanceof FormatException ? Errno.EPROTO : Errno.EINVAL;
        String text = handlerFailure.getMessage();
        return new RequestException(errno, text != null ? text : handlerFailure.getClass().getSimpleName());
    }

    /** The error an error response carries (an unknown errno is taken as EINVAL). */
    public static RequestException of(Message errorResponse) {
        Errno errno = Errno.of(errorResponse.errnum());
        String text;
        try {
            text = errorResponse.errorString();
        } catch (FormatException e) {
            text = null;
        }
        return new RequestException(errno == null ? Errno.EINVAL : errno, text);
    }
}
