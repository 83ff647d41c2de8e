package org.fluxj.formats;

/**
 * Input that does not follow its format. The message is one line that names the format and
 * what was wrong, suitable for printing after a command name.
 */
public class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
