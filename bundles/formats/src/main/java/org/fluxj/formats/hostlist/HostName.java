package org.fluxj.formats.hostlist;

/**
 * A host name split as flux-core splits it for lookups: the prefix up to the trailing digits,
 * and those digits as a number with their width. Used to find a host in a list of ranges.
 */
final class HostName {
    final String name;
    final int lenPrefix;
    /** True if the name ends in digits whose value fits a long. */
    final boolean hasSuffix;
    final long num;
    final int width;

    private HostName(String name, int lenPrefix, boolean hasSuffix, long num, int width) {
        this.name = name;
        this.lenPrefix = lenPrefix;
        this.hasSuffix = hasSuffix;
        this.num = num;
        this.width = width;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Characters no single host name may contain (hostname.c INVALID_CHARS). */
    static boolean isInvalid(char c) {
        return c == ',' || c == '[' || c == ']' || c == '\t' || c == ' ';
    }

    /** Index one past the prefix: where the trailing digits start. */
    static int prefixLength(String s) {
        int i = s.length();
        while (i > 0 && isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * The decimal value of s[from, to), or -1 if it is Long.MAX_VALUE or more (so that a
     * suffix plus one always fits).
     */
    static long parseDigits(String s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (n > (Long.MAX_VALUE - 1 - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** Splits a host name for lookup; null if the name holds characters no host may have. */
    static HostName parse(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (isInvalid(name.charAt(i))) {
                return null;
            }
        }
        return withPrefix(name, prefixLength(name));
    }

    private static HostName withPrefix(String name, int lenPrefix) {
        if (lenPrefix == name.length()) {
            return new HostName(name, lenPrefix, false, 0, 0);
        }
        long num = parseDigits(name, lenPrefix, name.length());
        if (num < 0) {
            return new HostName(name, lenPrefix, false, 0, 0);
        }
        return new HostName(name, lenPrefix, true, num, name.length() - lenPrefix);
    }

    /** The same name with the first suffix digit moved into the prefix. */
    HostName oneLessDigit() {
        return withPrefix(name, lenPrefix + 1);
    }

    /**
     * hostrange_hn_within: the offset of this host in range hr, or -1. As in flux-core, a
     * match may adopt an equivalent zero-padding width into hr.
     */
    long offsetIn(HostRange hr) {
        if (hr.single) {
            return hr.prefix.equals(name) ? 0 : -1;
        }
        HostName hn = this;
        if (!hn.hasSuffix) {
            return -1;
        }
        int hrLen = hr.prefix.length();
        while (true) {
            if (hrLen < hn.lenPrefix || !hr.prefix.regionMatches(0, hn.name, 0, hn.lenPrefix)) {
                return -1;
            }
            // A prefix forced to end in digits, as in f00[1-2]: shift digits into the prefix.
            if (hn.lenPrefix < hrLen && hn.width > 1 && isDigit(hr.prefix.charAt(hrLen - 1))
                    && hr.prefix.charAt(hn.lenPrefix) == hn.name.charAt(hn.lenPrefix)) {
                hn = hn.oneLessDigit();
                if (!hn.hasSuffix) {
                    return -1;
                }
                continue;
            }
            break;
        }
        if (hrLen == hn.lenPrefix && hn.num <= hr.hi && hn.num >= hr.lo) {
            switch (HostRange.widthEquiv(hr.lo, hr.width, hn.num, hn.width)) {
                case HostRange.NOT_EQUIV:
                    return -1;
                case HostRange.TAKE_SECOND:
                    hr.width = hn.width;
                    break;
                default:
                    break;
            }
            return hn.num - hr.lo;
        }
        return -1;
    }
}
