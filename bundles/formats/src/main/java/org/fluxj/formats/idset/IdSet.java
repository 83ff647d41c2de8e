package org.fluxj.formats.idset;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.fluxj.formats.FormatException;

/**
 * An RFC 22 idset: a set of non-negative integer ids from 0 to {@link #MAX_ID}, the ids
 * flux-core's idset can hold (its universe is at most 2^31 ids). Held as disjoint runs, so
 * {@code 0-2147483647} costs one entry. Decoding and encoding follow flux-core's libidset.
 * Mutable; not thread-safe.
 */
public final class IdSet implements Iterable<Integer> {
    /** The largest id (flux-core IDSET_MAX_UNIVERSE - 1). */
    public static final int MAX_ID = Integer.MAX_VALUE;
    /** What {@link #first()}, {@link #next(int)} and friends return when there is no id. */
    public static final int INVALID_ID = -1;

    /** Encoding options, as flux-core's IDSET_FLAG_RANGE and IDSET_FLAG_BRACKETS. */
    public enum Flag {
        /** Compress consecutive ids into ranges: {@code 2,3,4,8} becomes {@code 2-4,8}. */
        RANGE,
        /** Enclose a set of more than one id in brackets: {@code [2-4,8]}. */
        BRACKETS
    }

    /** Disjoint, non-adjacent runs: lo to hi inclusive. */
    private final TreeMap<Integer, Integer> runs = new TreeMap<>();
    private long count;

    /** An empty set. */
    public IdSet() {
    }

    /** A set of the given ids. */
    public static IdSet of(int... ids) {
        IdSet s = new IdSet();
        for (int id : ids) {
            s.set(id);
        }
        return s;
    }

    /** The set {@code lo..hi} (in either order). */
    public static IdSet range(int lo, int hi) {
        IdSet s = new IdSet();
        s.setRange(lo, hi);
        return s;
    }

    /**
     * Decodes an RFC 22 idset string, e.g. {@code 1-3,5} or {@code [1-3,5]}. As in flux-core,
     * ids must ascend, a range must have hi greater than lo, leading zeros are refused, empty
     * elements ({@code 1,,2}) are skipped, and {@code ""} and {@code []} are the empty set.
     *
     * @throws FormatException if {@code s} is not an idset or holds an id above {@link #MAX_ID}
     */
    public static IdSet decode(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("idset: input is null");
        }
        String body = s;
        if (body.length() >= 2 && body.charAt(0) == '[' && body.charAt(body.length() - 1) == ']') {
            body = body.substring(1, body.length() - 1);
        }
        if (body.indexOf('[') >= 0 || body.indexOf(']') >= 0) {
            throw new FormatException("idset: mismatched or nested brackets in '" + printable(s) + "'");
        }
        IdSet set = new IdSet();
        long maxid = -1;
        int start = 0;
        while (start <= body.length()) {
            int comma = body.indexOf(',', start);
            int end = comma < 0 ? body.length() : comma;
            if (end > start) {
                String item = body.substring(start, end);
                long[] r = parseElement(item, s);
                if (r[0] <= maxid) {
                    throw new FormatException("idset: range '" + printable(item)
                            + "' is out of order in '" + printable(s) + "'");
                }
                set.putRun((int) r[0], (int) r[1]);
                maxid = r[1];
            }
            start = end + 1;
        }
        return set;
    }

    /** One element: "N" or "N-M" with M > N. Returns {lo, hi}. */
    private static long[] parseElement(String item, String input) throws FormatException {
        int dash = item.indexOf('-');
        String what = dash < 0 ? "id" : "range";
        long lo = parseId(dash < 0 ? item : item.substring(0, dash));
        long hi = dash < 0 ? lo : parseId(item.substring(dash + 1));
        if (lo == -1 || hi == -1 || hi < lo || (dash >= 0 && hi == lo)) {
            throw new FormatException("idset: invalid " + what + " '" + printable(item)
                    + "' in '" + printable(input) + "'");
        }
        if (lo == -2 || hi == -2 || hi > MAX_ID) {
            throw new FormatException("idset: id in '" + printable(item) + "' exceeds the maximum " + MAX_ID
                    + " in '" + printable(input) + "'");
        }
        return new long[] {lo, hi};
    }

    /** A decimal id without leading zeros: its value, -1 if malformed, -2 if too large. */
    private static long parseId(String t) {
        if (t.isEmpty() || (t.charAt(0) == '0' && t.length() > 1)) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (n <= MAX_ID) {
                n = n * 10 + (c - '0');
            }
        }
        return n > MAX_ID ? -2 : n;
    }

    /** An independent copy. */
    public IdSet copy() {
        IdSet c = new IdSet();
        c.runs.putAll(runs);
        c.count = count;
        return c;
    }

    private static void check(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("idset: invalid id " + id);
        }
    }

    /** Adds an id. @throws IllegalArgumentException if id is negative */
    public void set(int id) {
        setRange(id, id);
    }

    /** Adds ids lo..hi (in either order). @throws IllegalArgumentException if negative */
    public void setRange(int lo, int hi) {
        check(lo);
        check(hi);
        putRun(Math.min(lo, hi), Math.max(lo, hi));
    }

    private void putRun(int lo, int hi) {
        int newLo = lo;
        int newHi = hi;
        Map.Entry<Integer, Integer> below = runs.floorEntry(lo);
        if (below != null && (long) below.getValue() + 1 >= lo) {
            newLo = below.getKey();
            newHi = Math.max(newHi, below.getValue());
        }
        long end = (long) hi + 1;
        NavigableMap<Integer, Integer> covered = runs.subMap(newLo, true, (int) Math.min(end, MAX_ID), true);
        Iterator<Map.Entry<Integer, Integer>> it = covered.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Integer> e = it.next();
            newHi = Math.max(newHi, e.getValue());
            count -= (long) e.getValue() - e.getKey() + 1;
            it.remove();
        }
        runs.put(newLo, newHi);
        count += (long) newHi - newLo + 1;
    }

    /** Removes an id; removing an absent id is not an error. */
    public void clear(int id) {
        clearRange(id, id);
    }

    /** Removes ids lo..hi (in either order). @throws IllegalArgumentException if negative */
    public void clearRange(int lo, int hi) {
        check(lo);
        check(hi);
        int l = Math.min(lo, hi);
        int h = Math.max(lo, hi);
        Map.Entry<Integer, Integer> below = runs.lowerEntry(l);
        if (below != null && below.getValue() >= l) {
            runs.put(below.getKey(), l - 1);
            count -= (long) below.getValue() - l + 1;
            if (below.getValue() > h) {
                runs.put(h + 1, below.getValue());
                count += (long) below.getValue() - h;
                return;
            }
        }
        Iterator<Map.Entry<Integer, Integer>> it = runs.subMap(l, true, h, true).entrySet().iterator();
        int tailLo = -1;
        int tailHi = -1;
        while (it.hasNext()) {
            Map.Entry<Integer, Integer> e = it.next();
            count -= (long) e.getValue() - e.getKey() + 1;
            if (e.getValue() > h) {
                tailLo = h + 1;
                tailHi = e.getValue();
            }
            it.remove();
        }
        if (tailLo >= 0) {
            runs.put(tailLo, tailHi);
            count += (long) tailHi - tailLo + 1;
        }
    }

    /** Whether id is in the set (false for a negative id). */
    public boolean contains(int id) {
        if (id < 0) {
            return false;
        }
        Map.Entry<Integer, Integer> e = runs.floorEntry(id);
        return e != null && e.getValue() >= id;
    }

    /** The number of ids (at most 2^31). */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The smallest id, or {@link #INVALID_ID} if empty. */
    public int first() {
        return runs.isEmpty() ? INVALID_ID : runs.firstKey();
    }

    /** The largest id, or {@link #INVALID_ID} if empty. */
    public int last() {
        return runs.isEmpty() ? INVALID_ID : runs.lastEntry().getValue();
    }

    /** The smallest id greater than {@code id}, or {@link #INVALID_ID}. */
    public int next(int id) {
        if (id >= MAX_ID) {
            return INVALID_ID;
        }
        int want = Math.max(id + 1, 0);
        if (contains(want)) {
            return want;
        }
        Integer k = runs.higherKey(want);
        return k == null ? INVALID_ID : k;
    }

    /** The largest id smaller than {@code id}, or {@link #INVALID_ID}. */
    public int prev(int id) {
        if (id <= 0) {
            return INVALID_ID;
        }
        int want = id - 1;
        Map.Entry<Integer, Integer> e = runs.floorEntry(want);
        if (e == null) {
            return INVALID_ID;
        }
        return Math.min(e.getValue(), want);
    }

    /** Adds every id of {@code other} to this set (idset_add). */
    public void add(IdSet other) {
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(other.runs).entrySet()) {
            putRun(e.getKey(), e.getValue());
        }
    }

    /** Removes every id of {@code other} from this set (idset_subtract). */
    public void subtract(IdSet other) {
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(other.runs).entrySet()) {
            clearRange(e.getKey(), e.getValue());
        }
    }

    /** A new set: this union other. */
    public IdSet union(IdSet other) {
        IdSet r = copy();
        r.add(other);
        return r;
    }

    /** A new set: this minus other. */
    public IdSet difference(IdSet other) {
        IdSet r = copy();
        r.subtract(other);
        return r;
    }

    /** A new set: the ids in both. */
    public IdSet intersect(IdSet other) {
        IdSet r = new IdSet();
        for (Map.Entry<Integer, Integer> e : runs.entrySet()) {
            int lo = e.getKey();
            int hi = e.getValue();
            Map.Entry<Integer, Integer> start = other.runs.floorEntry(lo);
            Integer from = start != null && start.getValue() >= lo ? start.getKey() : Integer.valueOf(lo);
            for (Map.Entry<Integer, Integer> o : other.runs.subMap(from, true, hi, true).entrySet()) {
                int l = Math.max(lo, o.getKey());
                int h = Math.min(hi, o.getValue());
                if (l <= h) {
                    r.putRun(l, h);
                }
            }
        }
        return r;
    }

    /** Whether the two sets share an id. */
    public boolean hasIntersection(IdSet other) {
        return !intersect(other).isEmpty();
    }

    /**
     * Encodes as flux-core's idset_encode does: ids in ascending order separated by commas;
     * with {@link Flag#RANGE} consecutive ids as {@code lo-hi}; with {@link Flag#BRACKETS}
     * brackets around a set of more than one id. The empty set is {@code ""}.
     *
     * @throws IllegalStateException if the string would be longer than a Java string can be
     *     (a huge set encoded without ranges)
     */
    public String encode(Flag... flags) {
        boolean ranged = false;
        boolean brackets = false;
        for (Flag f : flags) {
            ranged |= f == Flag.RANGE;
            brackets |= f == Flag.BRACKETS;
        }
        if (!ranged && encodedLength() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("idset: " + count + " ids are too many to encode without ranges");
        }
        StringBuilder sb = new StringBuilder();
        boolean wrap = brackets && count > 1;
        if (wrap) {
            sb.append('[');
        }
        boolean firstItem = true;
        for (Map.Entry<Integer, Integer> e : runs.entrySet()) {
            int lo = e.getKey();
            int hi = e.getValue();
            if (ranged) {
                if (!firstItem) {
                    sb.append(',');
                }
                sb.append(lo);
                if (hi > lo) {
                    sb.append('-').append(hi);
                }
                firstItem = false;
            } else {
                for (long id = lo; id <= hi; id++) {
                    if (!firstItem) {
                        sb.append(',');
                    }
                    sb.append(id);
                    firstItem = false;
                }
            }
        }
        if (wrap) {
            sb.append(']');
        }
        return sb.toString();
    }

    /** The length of the encoding without ranges: digits plus commas. */
    private long encodedLength() {
        long len = 0;
        for (Map.Entry<Integer, Integer> e : runs.entrySet()) {
            long lo = e.getKey();
            long hi = e.getValue();
            long p = 1;
            for (int d = 1; d <= 10; d++) {
                long a = Math.max(lo, d == 1 ? 0 : p);
                long b = Math.min(hi, p * 10 - 1);
                if (a <= b) {
                    len += (b - a + 1) * (d + 1);
                }
                p *= 10;
            }
        }
        return len;
    }

    /** The ranged encoding, e.g. {@code 1-3,5} (the Python binding's default). */
    @Override
    public String toString() {
        return encode(Flag.RANGE);
    }

    @Override
    public PrimitiveIterator.OfInt iterator() {
        return new PrimitiveIterator.OfInt() {
            private int nextId = first();

            @Override
            public boolean hasNext() {
                return nextId != INVALID_ID;
            }

            @Override
            public int nextInt() {
                if (nextId == INVALID_ID) {
                    throw new NoSuchElementException();
                }
                int id = nextId;
                nextId = IdSet.this.next(id);
                return id;
            }
        };
    }

    /** The ids in ascending order. */
    public IntStream stream() {
        Spliterator.OfInt sp = Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.SORTED | Spliterator.DISTINCT | Spliterator.NONNULL);
        return StreamSupport.intStream(sp, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdSet other && other.runs.equals(runs);
    }

    @Override
    public int hashCode() {
        return runs.hashCode();
    }

    /** s with control characters escaped and a long s cut short, for a one-line message. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length(); i++) {
            if (sb.length() >= 77) {
                return sb.append("...").toString();
            }
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
