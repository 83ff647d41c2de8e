package org.fluxj.formats.hostlist;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.fluxj.formats.FormatException;

/**
 * An RFC 29 hostlist: an ordered list of host names, possibly with repeats, held as runs of
 * numbered hosts so that {@code node[0-1000000]} costs one entry. Decoding, encoding, sorting
 * and deletion follow flux-core's libhostlist, so {@link #encode()} prints what
 * {@code hostlist_encode} prints. Not thread-safe.
 */
public final class Hostlist implements Iterable<String> {
    /** Most hosts one bracketed range may hold (flux-core MAX_RANGE). */
    public static final long MAX_RANGE = 1L << 20;
    /** Most comma-separated ranges one bracket may hold (flux-core MAX_RANGES). */
    public static final int MAX_RANGES = 10240;
    /** Most hosts a decoded hostlist may hold. */
    public static final int MAX_HOSTS = Integer.MAX_VALUE;
    /**
     * Most hosts one decode may spell out one by one, as {@code foo[1-4]-eth0} does (a range
     * followed by a suffix is expanded into single hosts).
     */
    public static final long MAX_EXPANDED = 1L << 20;

    private final ArrayList<HostRange> ranges = new ArrayList<>();
    private long nhosts;

    /** An empty hostlist. */
    public Hostlist() {
    }

    /**
     * Decodes an RFC 29 hostlist string. Hosts are separated by commas, spaces or tabs;
     * {@code ""} is the empty list.
     *
     * @throws FormatException if {@code s} is not a hostlist
     */
    public static Hostlist decode(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("hostlist: input is null");
        }
        Hostlist hl = new Hostlist();
        new Decoder(hl, s).run();
        return hl;
    }

    /** A hostlist of the given host names, each appended as a hostlist string. */
    public static Hostlist of(String... hosts) throws FormatException {
        Hostlist hl = new Hostlist();
        for (String h : hosts) {
            hl.append(h);
        }
        return hl;
    }

    /** An independent copy. */
    public Hostlist copy() {
        Hostlist c = new Hostlist();
        for (HostRange hr : ranges) {
            c.ranges.add(hr.copy());
        }
        c.nhosts = nhosts;
        return c;
    }

    /** The number of hosts, repeats included. */
    public int count() {
        return (int) nhosts;
    }

    public boolean isEmpty() {
        return nhosts == 0;
    }

    /**
     * Appends the hosts of a hostlist string to the end of this list.
     *
     * @return the number of hosts appended
     * @throws FormatException if {@code hosts} is not a hostlist (this list is unchanged)
     */
    public int append(String hosts) throws FormatException {
        return append(decode(hosts));
    }

    /**
     * Appends all hosts of {@code other} (hostlist_append_list).
     *
     * @return the number of hosts appended
     * @throws IllegalStateException if the result would exceed {@link #MAX_HOSTS}
     */
    public int append(Hostlist other) {
        if (nhosts + other.nhosts > MAX_HOSTS) {
            throw new IllegalStateException("hostlist: more than " + MAX_HOSTS + " hosts");
        }
        List<HostRange> src = other == this ? new ArrayList<>(ranges) : other.ranges;
        long n = 0;
        for (HostRange hr : src) {
            n += appendRange(hr);
        }
        return (int) n;
    }

    /** hostlist_append_range: appends a copy of hr, joining it to the tail when contiguous. */
    long appendRange(HostRange hr) {
        HostRange tail = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (tail != null && HostRange.prefixCompare(tail, hr) == 0 && tail.hi == hr.lo - 1
                && HostRange.widthCombine(tail, hr)) {
            tail.hi = hr.hi;
        } else {
            ranges.add(hr.copy());
        }
        long n = hr.count();
        nhosts += n;
        return n;
    }

    /**
     * The host at index {@code n}; a negative index counts from the end ({@code -1} is the
     * last host), as the Python binding's indexing does.
     *
     * @throws IndexOutOfBoundsException if there is no such host
     */
    public String nth(int n) {
        long i = n < 0 ? nhosts + n : n;
        if (i < 0 || i >= nhosts) {
            throw new IndexOutOfBoundsException("hostlist index " + n + " out of range (count " + nhosts + ")");
        }
        for (HostRange hr : ranges) {
            long c = hr.count();
            if (i < c) {
                return hr.host(i);
            }
            i -= c;
        }
        throw new IllegalStateException("hostlist count out of step");
    }

    /**
     * The index of the first occurrence of {@code host}, or -1 (hostlist_find). A name that
     * holds a separator or bracket is never found.
     */
    public int find(String host) {
        HostName hn = HostName.parse(host);
        if (hn == null) {
            return -1;
        }
        long count = 0;
        for (HostRange hr : ranges) {
            long offset = hn.offsetIn(hr);
            if (offset >= 0) {
                return (int) (count + offset);
            }
            count += hr.count();
        }
        return -1;
    }

    public boolean contains(String host) {
        return find(host) >= 0;
    }

    /**
     * Deletes the first occurrence of each host in the hostlist string {@code hosts}
     * (hostlist_delete).
     *
     * @return the number of hosts deleted
     * @throws FormatException if {@code hosts} is not a hostlist
     */
    public int delete(String hosts) throws FormatException {
        return delete(decode(hosts));
    }

    /** Deletes the first occurrence of each host of {@code hosts}; returns how many went. */
    public int delete(Hostlist hosts) {
        List<String> names = hosts.expand();
        int n = 0;
        for (String host : names) {
            if (deleteHost(host)) {
                n++;
            }
        }
        return n;
    }

    private boolean deleteHost(String host) {
        HostName hn = HostName.parse(host);
        if (hn == null) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            HostRange hr = ranges.get(i);
            long offset = hn.offsetIn(hr);
            if (offset >= 0) {
                removeAt(i, offset);
                return true;
            }
        }
        return false;
    }

    private void removeAt(int index, long depth) {
        HostRange hr = ranges.get(index);
        if (hr.single) {
            ranges.remove(index);
        } else {
            HostRange upper = hr.deleteHost(hr.lo + depth);
            if (upper != null) {
                ranges.add(index + 1, upper);
            } else if (hr.isEmpty()) {
                ranges.remove(index);
            }
        }
        nhosts--;
    }

    /**
     * Sorts the list in flux-core's order (hostlist_sort): by prefix, a bare name before
     * numbered names of that prefix, then by number when the zero padding is compatible,
     * else by padding width. Duplicates are kept. Returns this list.
     */
    public Hostlist sort() {
        if (ranges.size() > 1) {
            mergeSort();
            coalesce();
        }
        return this;
    }

    /** Sorts the list and removes duplicate hosts (hostlist_uniq). Returns this list. */
    public Hostlist uniq() {
        if (ranges.size() > 1) {
            mergeSort();
            // Join each range into the one before it where possible (attempt_range_join),
            // compacting in one pass.
            int w = 0;
            for (int i = 1; i < ranges.size(); i++) {
                HostRange next = ranges.get(i);
                long dup = HostRange.join(ranges.get(w), next);
                if (dup >= 0) {
                    nhosts -= dup;
                } else {
                    ranges.set(++w, next);
                }
            }
            ranges.subList(w + 1, ranges.size()).clear();
        }
        return this;
    }

    /** The hosts of this list that are also in {@code other}, without repeats, sorted. */
    public Hostlist intersect(Hostlist other) {
        Hostlist result = new Hostlist();
        for (String host : this) {
            if (other.contains(host)) {
                result.appendHost(host);
            }
        }
        return result.uniq();
    }

    /** The hosts of this list (all occurrences, in order) that are not in {@code other}. */
    public Hostlist difference(Hostlist other) {
        Hostlist result = new Hostlist();
        for (String host : this) {
            if (!other.contains(host)) {
                result.appendHost(host);
            }
        }
        return result;
    }

    /** The hosts in exactly one of this list and {@code other}, without repeats, sorted. */
    public Hostlist xor(Hostlist other) {
        Hostlist result = difference(other);
        result.append(other.difference(this));
        return result.uniq();
    }

    /** The hosts of both lists, without repeats, sorted. */
    public Hostlist union(Hostlist other) {
        Hostlist result = copy();
        result.append(other);
        return result.uniq();
    }

    /** Appends one host name that came out of a hostlist (so it is valid). */
    private void appendHost(String host) {
        try {
            append(host);
        } catch (FormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Encodes to an RFC 29 string exactly as flux-core's hostlist_encode does. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < ranges.size()) {
            i = appendBracketed(sb, i);
            if (i < ranges.size()) {
                sb.append(',');
            }
        }
        return sb.toString();
    }

    private int appendBracketed(StringBuilder sb, int start) {
        int i = start;
        HostRange first = ranges.get(i);
        HostRange next = i + 1 < ranges.size() ? ranges.get(i + 1) : null;
        boolean bracket = first.count() > 1 || HostRange.withinRange(first, next);
        sb.append(first.prefix);
        if (bracket) {
            sb.append('[');
        }
        while (true) {
            HostRange hr = ranges.get(i);
            if (!hr.single) {
                HostRange.appendPadded(sb, hr.lo, hr.width);
                if (hr.lo < hr.hi) {
                    sb.append('-');
                    HostRange.appendPadded(sb, hr.hi, hr.width);
                }
            }
            if (++i >= ranges.size() || !HostRange.withinRange(ranges.get(i), ranges.get(i - 1))) {
                break;
            }
            if (bracket) {
                sb.append(',');
            }
        }
        if (bracket) {
            sb.append(']');
        }
        return i;
    }

    /** All hosts, in order. */
    public List<String> expand() {
        List<String> hosts = new ArrayList<>((int) Math.min(nhosts, 1 << 16));
        for (String h : this) {
            hosts.add(h);
        }
        return hosts;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int index;
            private long depth;

            @Override
            public boolean hasNext() {
                return index < ranges.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                HostRange hr = ranges.get(index);
                String host = hr.host(depth);
                if (++depth >= hr.count()) {
                    index++;
                    depth = 0;
                }
                return host;
            }
        };
    }

    /** The encoded form, as {@link #encode()}. */
    @Override
    public String toString() {
        return encode();
    }

    /** Equal when both lists hold the same host names in the same order. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Hostlist other) || other.nhosts != nhosts) {
            return false;
        }
        Iterator<String> a = iterator();
        Iterator<String> b = other.iterator();
        while (a.hasNext()) {
            if (!a.next().equals(b.next())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (String host : this) {
            h = 31 * h + host.hashCode();
        }
        return h;
    }

    /** A top-down merge sort with glibc's msort order of comparisons (hostrange_cmp). */
    private void mergeSort() {
        HostRange[] a = ranges.toArray(new HostRange[0]);
        HostRange[] tmp = new HostRange[a.length];
        msort(a, tmp, 0, a.length);
        ranges.clear();
        ranges.addAll(List.of(a));
    }

    private static void msort(HostRange[] a, HostRange[] tmp, int from, int n) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(a, tmp, from, n1);
        msort(a, tmp, from + n1, n2);
        int i = from;
        int j = from + n1;
        int k = 0;
        int end1 = from + n1;
        int end2 = from + n;
        while (i < end1 && j < end2) {
            if (HostRange.compare(a[i], a[j]) <= 0) {
                tmp[k++] = a[i++];
            } else {
                tmp[k++] = a[j++];
            }
        }
        while (i < end1) {
            tmp[k++] = a[i++];
        }
        System.arraycopy(tmp, 0, a, from, k);
    }

    /**
     * hostlist_coalesce: after sorting, splits overlapping ranges so that duplicated hosts
     * stand alone, then joins contiguous ranges (hostlist_collapse).
     */
    private void coalesce() {
        for (int i = ranges.size() - 1; i > 0; i--) {
            HostRange prev = ranges.get(i - 1);
            HostRange next = ranges.get(i);
            HostRange common = HostRange.intersect(prev, next);
            if (common != null) {
                int j = i;
                if (common.hi < prev.hi) {
                    next.hi = prev.hi;
                }
                prev.hi = common.lo;
                next.lo = common.hi;
                while (common.lo <= common.hi) {
                    HostRange one = HostRange.of(common.prefix, common.lo, common.lo, common.width);
                    if (common.lo > prev.hi) {
                        ranges.add(j++, one.copy());
                    }
                    if (common.lo < next.lo) {
                        ranges.add(j++, one.copy());
                    }
                    common.lo++;
                }
                i = ranges.size();
            }
        }
        // hostlist_collapse: from the end, join each range into the one before it when they
        // are contiguous; built in reverse in one pass.
        int n = ranges.size();
        if (n < 2) {
            return;
        }
        ArrayList<HostRange> reversed = new ArrayList<>(n);
        HostRange cur = ranges.get(n - 1);
        for (int i = n - 1; i > 0; i--) {
            HostRange prev = ranges.get(i - 1);
            if (HostRange.prefixCompare(prev, cur) == 0 && prev.hi == cur.lo - 1
                    && HostRange.widthCombine(prev, cur)) {
                prev.hi = cur.hi;
            } else {
                reversed.add(cur);
            }
            cur = prev;
        }
        reversed.add(cur);
        ranges.clear();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            ranges.add(reversed.get(i));
        }
    }

    /** hostlist_decode: the tokenizer and bracket parser. */
    private static final class Decoder {
        private final Hostlist hl;
        private final String input;
        private long expanded;

        Decoder(Hostlist hl, String input) {
            this.hl = hl;
            this.input = input;
        }

        private static boolean isSeparator(char c) {
            return c == ',' || c == ' ' || c == '\t';
        }

        void run() throws FormatException {
            int n = input.length();
            int i = 0;
            while (true) {
                while (i < n && isSeparator(input.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return;
                }
                int start = i;
                int level = 0;
                // A bracketed idlist is part of its token: node[1,2] is one expression.
                while (i < n && (level != 0 || !isSeparator(input.charAt(i)))) {
                    char c = input.charAt(i);
                    if (c == '[') {
                        level++;
                    } else if (c == ']') {
                        level--;
                    }
                    i++;
                }
                token(input.substring(start, i));
            }
        }

        private FormatException error(String what, String token) {
            return new FormatException("hostlist: " + what + " '" + FormatException.printable(token) + "'");
        }

        private void token(String tok) throws FormatException {
            int open = tok.indexOf('[');
            if (open < 0) {
                if (tok.indexOf(']') >= 0) {
                    throw error("unmatched ']' in", tok);
                }
                host(tok);
                return;
            }
            int close = tok.indexOf(']', open + 1);
            if (close < 0) {
                throw error("unmatched '[' in", tok);
            }
            String prefix = tok.substring(0, open);
            String list = tok.substring(open + 1, close);
            String suffix = tok.substring(close + 1);
            if (prefix.indexOf(']') >= 0) {
                throw error("unmatched ']' in", tok);
            }
            if (suffix.indexOf('[') >= 0 || suffix.indexOf(']') >= 0) {
                throw error("more than one bracketed idlist in", tok);
            }
            List<long[]> rl = ranges(list, tok);
            for (long[] r : rl) {
                int width = (int) r[2];
                if (suffix.isEmpty()) {
                    count(r[1] - r[0] + 1, tok);
                    hl.appendRange(HostRange.of(prefix, r[0], r[1], width));
                    continue;
                }
                expanded += r[1] - r[0] + 1;
                if (expanded > MAX_EXPANDED) {
                    throw error("too many hosts (more than " + MAX_EXPANDED + " with a suffix) in", tok);
                }
                count(r[1] - r[0] + 1, tok);
                StringBuilder sb = new StringBuilder();
                for (long j = r[0]; j <= r[1]; j++) {
                    sb.setLength(0);
                    sb.append(prefix);
                    HostRange.appendPadded(sb, j, width);
                    sb.append(suffix);
                    hl.appendRange(HostRange.single(sb.toString()));
                }
            }
        }

        private void count(long more, String tok) throws FormatException {
            if (hl.nhosts + more > MAX_HOSTS) {
                throw error("too many hosts (more than " + MAX_HOSTS + ") in", tok);
            }
        }

        /** parse_range_list: comma separated ranges {lo, hi, width}. */
        private List<long[]> ranges(String list, String tok) throws FormatException {
            List<long[]> out = new ArrayList<>();
            int start = 0;
            while (true) {
                int comma = list.indexOf(',', start);
                if (out.size() == MAX_RANGES) {
                    throw error("too many ranges (more than " + MAX_RANGES + ") in", tok);
                }
                String item = comma < 0 ? list.substring(start) : list.substring(start, comma);
                out.add(range(item, tok));
                if (comma < 0) {
                    return out;
                }
                start = comma + 1;
            }
        }

        private static boolean allDigits(String s) {
            if (s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (!HostName.isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** parse_next_range: "N" or "N-M"; the width is the length of N. */
        private long[] range(String item, String tok) throws FormatException {
            int dash = item.indexOf('-');
            String loText = dash < 0 ? item : item.substring(0, dash);
            String hiText = dash < 0 ? "" : item.substring(dash + 1);
            if (!allDigits(loText) || (!hiText.isEmpty() && !allDigits(hiText))) {
                throw error("invalid range", tok);
            }
            long lo = HostName.parseDigits(loText, 0, loText.length());
            long hi = hiText.isEmpty() ? lo : HostName.parseDigits(hiText, 0, hiText.length());
            if (lo < 0 || hi < 0) {
                throw error("number too large in", tok);
            }
            if (lo > hi) {
                throw error("invalid range", tok);
            }
            if (hi - lo >= MAX_RANGE) {
                throw error("range too large (more than " + MAX_RANGE + " hosts) in", tok);
            }
            return new long[] {lo, hi, loText.length()};
        }

        /** hostlist_append_host: a name without brackets. */
        private void host(String tok) throws FormatException {
            count(1, tok);
            int lenPrefix = HostName.prefixLength(tok);
            long num = lenPrefix == tok.length() ? -1 : HostName.parseDigits(tok, lenPrefix, tok.length());
            if (num < 0) {
                hl.appendRange(HostRange.single(tok));
            } else {
                hl.appendRange(HostRange.of(tok.substring(0, lenPrefix), num, num, tok.length() - lenPrefix));
            }
        }
    }
}
