package org.fluxj.overlay;

import org.fluxj.formats.msg.Errno;

/** An overlay operation failed; carries the errno a Flux response would carry, and flux-core's error text. */
public class OverlayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    public OverlayException(Errno errno, String message) {
        super(message != null ? message : errno.message());
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
