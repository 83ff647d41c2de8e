package org.fluxj.pmi;

import java.io.IOException;

/** A PMI operation failed: {@link #result()} is the RFC 13 result code, the message one line. */
public class PmiException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int result;

    public PmiException(int result, String message) {
        super(message);
        this.result = result;
    }

    public PmiException(int result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /** The RFC 13 result code ({@link Pmi#FAIL} when the failure was not the server's answer). */
    public int result() {
        return result;
    }
}
