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

    /**
     * A bad input value as a message quotes it: control characters escaped ({@code \n},
     * {@code \t}, {@code \xNN}) so the message stays on one line, and a long value cut short.
     */
    public static String printable(String value) {
        if (value == null) {
            return "(null)";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_QUOTED + 3));
        for (int i = 0; i < value.length(); i++) {
            if (b.length() >= MAX_QUOTED) {
                return b.append("...").toString();
            }
            char c = value.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Another library's message (a parser's, say) folded onto one line and cut short. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        String s = message.strip().replaceAll("\\s*\\R\\s*", " ").replaceAll("\\p{Cntrl}", " ");
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }

    private static final int MAX_QUOTED = 77;
    private static final int MAX_MESSAGE = 200;
}
