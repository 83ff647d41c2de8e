package org.fluxj.overlay.boot;

/** Bootstrap failed; the message is one line naming what was wrong (and the file, for config). */
public class BootException extends Exception {
    private static final long serialVersionUID = 1L;

    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }
}
