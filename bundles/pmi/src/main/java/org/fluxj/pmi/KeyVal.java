package org.fluxj.pmi;

/**
 * Reads {@code key=value} tuples out of one protocol line as flux-core's keyval.c: tuples in
 * any order, separated by white space; a string value runs to the end of the line.
 */
final class KeyVal {
    /** The key is absent. */
    static final int NOKEY = -1;
    /** The value does not parse as asked. */
    static final int BADVAL = -2;
    /** The value is too long. */
    static final int TOOLONG = -3;

    private KeyVal() {
    }

    /** Index of the first character of {@code key}'s value, or -1. */
    private static int valueAt(String s, String key) {
        int from = 0;
        while (true) {
            int at = s.indexOf(key, from);
            if (at < 0) {
                return -1;
            }
            int end = at + key.length();
            if (end < s.length() && s.charAt(end) == '=' && (at == 0 || isSpace(s.charAt(at - 1)))) {
                return end + 1;
            }
            from = at + 1;
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** The word value of {@code key}, or null when absent. */
    static String word(String s, String key) {
        int at = valueAt(s, key);
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < s.length() && !isSpace(s.charAt(end))) {
            end++;
        }
        return s.substring(at, end);
    }

    /** The string value of {@code key}: the rest of the line. Null when absent. */
    static String string(String s, String key) {
        int at = valueAt(s, key);
        if (at < 0) {
            return null;
        }
        int end = s.indexOf('\n', at);
        String v = s.substring(at, end < 0 ? s.length() : end);
        // flux-core quirk: mpiexec.hydra of mpich 4.1.1/4.2.0 appends " found=TRUE" to values.
        if (key.equals("value") && v.endsWith(" found=TRUE")) {
            v = v.substring(0, v.length() - 11);
        }
        return v;
    }

    /** True if {@code key}'s value is exactly the word {@code match}. */
    static boolean is(String s, String key, String match) {
        return match.equals(word(s, key));
    }

    /** The unsigned integer value of {@code key}, {@link #NOKEY} or {@link #BADVAL}. */
    static long uint(String s, String key) {
        String w = word(s, key);
        if (w == null) {
            return NOKEY;
        }
        if (w.isEmpty() || w.length() > 10) {
            return BADVAL;
        }
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return BADVAL;
            }
        }
        long v = Long.parseLong(w);
        return v > 0xffffffffL ? BADVAL : v;
    }

    /** The signed integer value of {@code key}, or null if absent or malformed. */
    static Integer integer(String s, String key) {
        String w = word(s, key);
        if (w == null) {
            return null;
        }
        try {
            return Integer.parseInt(w.startsWith("+") ? w.substring(1) : w);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
