package org.fluxj.content.api;

import org.fluxj.formats.msg.Errno;

/**
 * A content request failed. The message is one line, prefixed with the store's name
 * ({@code content-sqlite: store: database or disk is full}); the errno is what a Flux error
 * response for it carries.
 */
public class ContentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    public ContentException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public ContentException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
