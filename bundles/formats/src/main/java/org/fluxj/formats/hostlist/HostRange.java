package org.fluxj.formats.hostlist;

/**
 * One run of a hostlist: a prefix with numeric suffixes {@code lo..hi} printed zero-padded to
 * {@code width}, or a single host ({@code single}) whose whole name is the prefix. Mutable:
 * the list joins, splits and re-pads ranges in place, as flux-core's hostrange does.
 */
final class HostRange {
    /** {@link #widthEquiv}: the widths are not equivalent. */
    static final int NOT_EQUIV = 0;
    /** {@link #widthEquiv}: equivalent; the second width takes the first's value. */
    static final int TAKE_FIRST = 1;
    /** {@link #widthEquiv}: equivalent; the first width takes the second's value. */
    static final int TAKE_SECOND = 2;

    final String prefix;
    final boolean single;
    long lo;
    long hi;
    int width;

    private HostRange(String prefix, boolean single, long lo, long hi, int width) {
        this.prefix = prefix;
        this.single = single;
        this.lo = lo;
        this.hi = hi;
        this.width = width;
    }

    static HostRange single(String name) {
        return new HostRange(name, true, 0, 0, 0);
    }

    static HostRange of(String prefix, long lo, long hi, int width) {
        return new HostRange(prefix, false, lo, hi, width);
    }

    HostRange copy() {
        return new HostRange(prefix, single, lo, hi, width);
    }

    long count() {
        return single ? 1 : hi - lo + 1;
    }

    boolean isEmpty() {
        return !single && hi < lo;
    }

    /** The host at offset {@code depth} in this range. */
    String host(long depth) {
        if (single) {
            return prefix;
        }
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, 20));
        sb.append(prefix);
        appendPadded(sb, lo + depth, width);
        return sb.toString();
    }

    /**
     * Removes suffix {@code n} (within lo..hi) from a numeric range. Returns the upper part
     * when the range splits in two (this range keeps the lower part), else null.
     */
    HostRange deleteHost(long n) {
        if (n == lo) {
            lo++;
        } else if (n == hi) {
            hi--;
        } else {
            HostRange upper = copy();
            hi = n - 1;
            upper.lo = n + 1;
            return upper;
        }
        return null;
    }

    static void appendPadded(StringBuilder sb, long n, int width) {
        String digits = Long.toString(n);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    static int digits(long n) {
        int d = 1;
        while ((n /= 10) != 0) {
            d++;
        }
        return d;
    }

    private static int zeroPadded(long n, int width) {
        int d = digits(n);
        return width > d ? width - d : 0;
    }

    /**
     * flux-core's width_equiv: whether printing {@code n} and {@code m} with either width
     * would leave the zero padding of both unchanged, and if so which width to adopt.
     */
    static int widthEquiv(long n, int wn, long m, int wm) {
        int npad = zeroPadded(n, wn);
        int nmpad = zeroPadded(n, wm);
        int mpad = zeroPadded(m, wm);
        int mnpad = zeroPadded(m, wn);
        if (npad != nmpad && mpad != mnpad) {
            return NOT_EQUIV;
        }
        return npad != nmpad ? TAKE_FIRST : TAKE_SECOND;
    }

    /** hostrange_width_combine: true if widths are compatible; adjusts one of them. */
    static boolean widthCombine(HostRange a, HostRange b) {
        switch (widthEquiv(a.lo, a.width, b.lo, b.width)) {
            case TAKE_FIRST:
                b.width = a.width;
                return true;
            case TAKE_SECOND:
                a.width = b.width;
                return true;
            default:
                return false;
        }
    }

    /** hostrange_prefix_cmp: by prefix; a single host sorts before a range of its prefix. */
    static int prefixCompare(HostRange a, HostRange b) {
        int c = a.prefix.compareTo(b.prefix);
        if (c != 0) {
            return c;
        }
        return (b.single ? 1 : 0) - (a.single ? 1 : 0);
    }

    /** hostrange_cmp: the sort order of hostlist_sort and hostlist_uniq. */
    static int compare(HostRange a, HostRange b) {
        int c = prefixCompare(a, b);
        if (c == 0) {
            c = widthCombine(a, b) ? Long.compare(a.lo, b.lo) : Integer.compare(a.width, b.width);
        }
        return Integer.signum(c);
    }

    /** hostrange_within_range: whether a and b print inside one bracket. b may be null. */
    static boolean withinRange(HostRange a, HostRange b) {
        return b != null && prefixCompare(a, b) == 0 && !a.single && !b.single;
    }

    /**
     * hostrange_join: merges b into a (a sorts before b). Returns the number of hosts that
     * were duplicated (b was absorbed into a), or -1 if the ranges cannot be joined.
     */
    static long join(HostRange a, HostRange b) {
        long duplicated = -1;
        if (prefixCompare(a, b) == 0 && widthCombine(a, b)) {
            if (a.single && b.single) {
                duplicated = 1;
            } else if (a.hi == b.lo - 1) {
                a.hi = b.hi;
                duplicated = 0;
            } else if (a.hi >= b.lo) {
                if (a.hi < b.hi) {
                    duplicated = a.hi - b.lo + 1;
                    a.hi = b.hi;
                } else {
                    duplicated = b.count();
                }
            }
        }
        return duplicated;
    }

    /** hostrange_intersect: the hosts common to a and b (a sorts before b), or null. */
    static HostRange intersect(HostRange a, HostRange b) {
        if (a.single || b.single) {
            return null;
        }
        if (prefixCompare(a, b) == 0 && a.hi > b.lo && widthCombine(a, b)) {
            HostRange common = a.copy();
            common.lo = b.lo;
            common.hi = Math.min(a.hi, b.hi);
            return common;
        }
        return null;
    }

    @Override
    public String toString() {
        if (single) {
            return prefix;
        }
        StringBuilder sb = new StringBuilder(prefix).append('[');
        appendPadded(sb, lo, width);
        sb.append('-');
        appendPadded(sb, hi, width);
        return sb.append(']').toString();
    }
}
