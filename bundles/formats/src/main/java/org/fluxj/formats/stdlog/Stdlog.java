package org.fluxj.formats.stdlog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One log entry in flux-core's RFC 5424 encoding:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}, where PRI is
 * {@code severity << 3 | facility} (Flux's own packing) and HOSTNAME is the broker rank.
 *
 * @param severity  syslog severity (0 emerg .. 7 debug)
 * @param timestamp as written: {@code 2024-05-01T12:00:00.123456Z}, or "-"
 * @param hostname  the rank as a string, or "-"
 */
public record Stdlog(int severity, int facility, String timestamp, String hostname, String appname,
        String procid, String msgid, String structuredData, String message) {

    /** LOG_USER as Flux packs it ({@code facility & 7}). */
    public static final int FACILITY_USER = 1;

    private static final DateTimeFormatter ZULU = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info",
        "debug"};

    /** An entry as flux_log makes it, stamped now. */
    public static Stdlog now(int severity, int rank, String appname, long pid, String message) {
        return new Stdlog(severity, FACILITY_USER, zulu(Instant.now()), Integer.toString(rank), appname,
                Long.toString(pid), "-", "-", message);
    }

    /** wallclock_get_zulu: seconds in UTC with microseconds and a Z. */
    public static String zulu(Instant t) {
        return ZULU.format(t) + String.format(".%06dZ", t.getNano() / 1000);
    }

    /** The encoded text (no trailing newline, as stdlog_vencodef drops it). */
    public String encode() {
        String msg = message;
        int end = msg.length();
        while (end > 0 && (msg.charAt(end - 1) == '\n' || msg.charAt(end - 1) == '\r')) {
            end--;
        }
        return "<" + ((severity << 3) | (facility & 7)) + ">1 " + timestamp + " " + hostname + " " + appname + " "
                + procid + " " + msgid + " " + structuredData + " " + msg.substring(0, end);
    }

    /** stdlog_decode; null if the text is not an entry (dmesg then prints it as it is). */
    public static Stdlog decode(String s) {
        if (s.isEmpty() || s.charAt(0) != '<') {
            return null;
        }
        int gt = s.indexOf('>');
        if (gt < 2) {
            return null;
        }
        int pri;
        try {
            pri = Integer.parseInt(s.substring(1, gt));
        } catch (NumberFormatException e) {
            return null;
        }
        String[] f = new String[6]; // version timestamp hostname appname procid msgid
        int pos = gt + 1;
        for (int i = 0; i < f.length; i++) {
            int sp = s.indexOf(' ', pos);
            if (sp < 0 || sp == pos) {
                return null;
            }
            f[i] = s.substring(pos, sp);
            pos = sp + 1;
        }
        int level = 0;
        int sdStart = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '[') {
                level++;
            } else if (c == ']') {
                level--;
            } else if (c == ' ' && level == 0) {
                break;
            }
            pos++;
        }
        if (pos >= s.length()) {
            return null;
        }
        return new Stdlog(pri >> 3, pri & 7, f[1], f[2], f[3], f[4], f[5], s.substring(sdStart, pos),
                s.substring(pos + 1));
    }

    /** The severity's name ("err"), or "-" for an unknown one. */
    public static String severityName(int severity) {
        return severity >= 0 && severity < SEVERITIES.length ? SEVERITIES[severity] : "-";
    }

    /** The severity of a name, case-insensitive, or -1. */
    public static int severityOf(String name) {
        for (int i = 0; i < SEVERITIES.length; i++) {
            if (SEVERITIES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The rank in the hostname field (strtoul: 0 if not a number). */
    public long rank() {
        long n = 0;
        for (int i = 0; i < hostname.length() && Character.isDigit(hostname.charAt(i)); i++) {
            n = n * 10 + (hostname.charAt(i) - '0');
        }
        return n;
    }
}
