package org.fluxj.kernel.api;

/** Log severities, as syslog numbers them (what {@code flux dmesg} and {@code flux logger} use). */
public final class Severity {
    public static final int EMERG = 0;
    public static final int ALERT = 1;
    public static final int CRIT = 2;
    public static final int ERR = 3;
    public static final int WARNING = 4;
    public static final int NOTICE = 5;
    public static final int INFO = 6;
    public static final int DEBUG = 7;

    private static final String[] NAMES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private Severity() {
    }

    /** The syslog name of a severity ({@code err}, {@code info}). */
    public static String name(int severity) {
        return severity >= 0 && severity < NAMES.length ? NAMES[severity] : Integer.toString(severity);
    }

    /** The severity of a syslog name, or -1. */
    public static int of(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
