package org.fluxj.formats.idset;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
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

    private static final int[] NONE = {};

    /**
     * With fewer runs than this, {@link #add} and {@link #subtract} edit in place run by run
     * (binary search and an array shift, no garbage) rather than merging into new arrays.
     */
    private static final int FEW_RUNS = 8;

    /*
     * The runs, ascending: run i is lo[i]..hi[i] inclusive, for i < n. Runs are disjoint and
     * never adjacent (hi[i] + 1 < lo[i + 1]), so each set has exactly one representation and
     * equals can compare the arrays. Slots from n on are spare capacity. Primitive arrays
     * rather than a TreeMap: no boxing, no per-run node, and merges are sequential scans.
     */
    private int[] lo;
    private int[] hi;
    private int n;
    private long count;

    /** An empty set. */
    public IdSet() {
        lo = NONE;
        hi = NONE;
    }

    private IdSet(int capacity) {
        lo = capacity == 0 ? NONE : new int[capacity];
        hi = capacity == 0 ? NONE : new int[capacity];
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
        // The body is s[from, to): s without its enclosing brackets. Parsed in place, no substrings.
        int from = 0;
        int to = s.length();
        if (to >= 2 && s.charAt(0) == '[' && s.charAt(to - 1) == ']') {
            from = 1;
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ']') {
                throw new FormatException("idset: mismatched or nested brackets in '" + FormatException.printable(s) + "'");
            }
        }
        IdSet set = new IdSet();
        long maxid = -1;
        int start = from;
        while (start <= to) {
            // One element, s[start, end): "N" or "N-M" with M > N; dash is its first '-'.
            int end = start;
            int dash = -1;
            while (end < to && s.charAt(end) != ',') {
                if (dash < 0 && s.charAt(end) == '-') {
                    dash = end;
                }
                end++;
            }
            if (end > start) {
                boolean isRange = dash >= 0;
                long lo = parseId(s, start, isRange ? dash : end);
                long hi = isRange ? parseId(s, dash + 1, end) : lo;
                if (lo == -1 || hi == -1 || hi < lo || (isRange && hi == lo)) {
                    throw new FormatException("idset: invalid " + (isRange ? "range" : "id") + " '"
                            + FormatException.printable(s.substring(start, end)) + "' in '" + FormatException.printable(s) + "'");
                }
                if (lo == -2 || hi == -2 || hi > MAX_ID) {
                    throw new FormatException("idset: id in '" + FormatException.printable(s.substring(start, end))
                            + "' exceeds the maximum " + MAX_ID + " in '" + FormatException.printable(s) + "'");
                }
                if (lo <= maxid) {
                    throw new FormatException("idset: range '" + FormatException.printable(s.substring(start, end))
                            + "' is out of order in '" + FormatException.printable(s) + "'");
                }
                set.append((int) lo, (int) hi);
                maxid = hi;
            }
            start = end + 1;
        }
        return set;
    }

    /** A decimal id in s[from, to) without leading zeros: its value, -1 if malformed, -2 if too large. */
    private static long parseId(String s, int from, int to) {
        if (from == to || (s.charAt(from) == '0' && to - from > 1)) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (v <= MAX_ID) {
                v = v * 10 + (c - '0');
            }
        }
        return v > MAX_ID ? -2 : v;
    }

    /** An independent copy. */
    public IdSet copy() {
        IdSet c = new IdSet(n);
        System.arraycopy(lo, 0, c.lo, 0, n);
        System.arraycopy(hi, 0, c.hi, 0, n);
        c.n = n;
        c.count = count;
        return c;
    }

    private static void check(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("idset: invalid id " + id);
        }
    }

    /** The index of the last run with lo <= id, or -1 if none. */
    private int floorRun(int id) {
        int i = Arrays.binarySearch(lo, 0, n, id);
        return i >= 0 ? i : -i - 2;
    }

    /** Room for at least {@code min} runs; grows by half so appends are amortized O(1). */
    private void ensureCapacity(int min) {
        if (min > lo.length) {
            int cap = Math.max(min, Math.max(8, lo.length + (lo.length >> 1)));
            lo = Arrays.copyOf(lo, cap);
            hi = Arrays.copyOf(hi, cap);
        }
    }

    /**
     * Adds l..h where l is above every id but possibly adjacent to the last run (decode's and
     * the merges' case): O(1) amortized.
     */
    private void append(int l, int h) {
        if (n > 0 && l == (long) hi[n - 1] + 1) {
            hi[n - 1] = h;
        } else {
            ensureCapacity(n + 1);
            lo[n] = l;
            hi[n] = h;
            n++;
        }
        count += (long) h - l + 1;
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

    /** Adds l..h (0 <= l <= h): O(1) past the last run, else binary search plus an array shift. */
    private void putRun(int l, int h) {
        if (n == 0 || l > (long) hi[n - 1] + 1) {
            append(l, h);
            return;
        }
        // Runs a..b touch or overlap l..h and fold into one run; b < a if none does.
        int a = floorRun(l);
        if (a < 0 || (long) hi[a] + 1 < l) {
            a++;
        }
        int b = floorRun(h == MAX_ID ? h : h + 1);
        if (b < a) {
            ensureCapacity(n + 1);
            System.arraycopy(lo, a, lo, a + 1, n - a);
            System.arraycopy(hi, a, hi, a + 1, n - a);
            lo[a] = l;
            hi[a] = h;
            n++;
            count += (long) h - l + 1;
            return;
        }
        int newLo = Math.min(l, lo[a]);
        int newHi = Math.max(h, hi[b]);
        for (int i = a; i <= b; i++) {
            count -= (long) hi[i] - lo[i] + 1;
        }
        lo[a] = newLo;
        hi[a] = newHi;
        count += (long) newHi - newLo + 1;
        removeRuns(a + 1, b + 1);
    }

    /** Drops runs [from, to) by shifting the later runs down. */
    private void removeRuns(int from, int to) {
        if (to > from) {
            System.arraycopy(lo, to, lo, from, n - to);
            System.arraycopy(hi, to, hi, from, n - to);
            n -= to - from;
        }
    }

    /** Removes an id; removing an absent id is not an error. */
    public void clear(int id) {
        clearRange(id, id);
    }

    /** Removes ids lo..hi (in either order). @throws IllegalArgumentException if negative */
    public void clearRange(int lo, int hi) {
        check(lo);
        check(hi);
        removeRun(Math.min(lo, hi), Math.max(lo, hi));
    }

    /** Removes l..h (0 <= l <= h): binary search plus at most one array shift. */
    private void removeRun(int l, int h) {
        // Runs a..b overlap l..h.
        int a = floorRun(l);
        if (a < 0 || hi[a] < l) {
            a++;
        }
        int b = floorRun(h);
        if (b < a) {
            return;
        }
        if (a == b && lo[a] < l && hi[a] > h) {
            // l..h is strictly inside one run: split it in two.
            ensureCapacity(n + 1);
            System.arraycopy(lo, a + 1, lo, a + 2, n - a - 1);
            System.arraycopy(hi, a + 1, hi, a + 2, n - a - 1);
            lo[a + 1] = h + 1;
            hi[a + 1] = hi[a];
            hi[a] = l - 1;
            n++;
            count -= (long) h - l + 1;
            return;
        }
        if (lo[a] < l) {
            // Keep the head of the first run.
            count -= (long) hi[a] - l + 1;
            hi[a] = l - 1;
            a++;
        }
        if (b >= a && hi[b] > h) {
            // Keep the tail of the last run.
            count -= (long) h - lo[b] + 1;
            lo[b] = h + 1;
            b--;
        }
        for (int i = a; i <= b; i++) {
            count -= (long) hi[i] - lo[i] + 1;
        }
        removeRuns(a, b + 1);
    }

    /** Whether id is in the set (false for a negative id). */
    public boolean contains(int id) {
        if (id < 0) {
            return false;
        }
        int i = floorRun(id);
        return i >= 0 && hi[i] >= id;
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
        return n == 0 ? INVALID_ID : lo[0];
    }

    /** The largest id, or {@link #INVALID_ID} if empty. */
    public int last() {
        return n == 0 ? INVALID_ID : hi[n - 1];
    }

    /** The smallest id greater than {@code id}, or {@link #INVALID_ID}. */
    public int next(int id) {
        if (id >= MAX_ID) {
            return INVALID_ID;
        }
        int want = Math.max(id + 1, 0);
        int i = floorRun(want);
        if (i >= 0 && hi[i] >= want) {
            return want;
        }
        return i + 1 < n ? lo[i + 1] : INVALID_ID;
    }

    /** The largest id smaller than {@code id}, or {@link #INVALID_ID}. */
    public int prev(int id) {
        if (id <= 0) {
            return INVALID_ID;
        }
        int want = id - 1;
        int i = floorRun(want);
        return i < 0 ? INVALID_ID : Math.min(hi[i], want);
    }

    /** Adds every id of {@code other} to this set (idset_add). */
    public void add(IdSet other) {
        if (other == this || other.n == 0) {
            return;
        }
        if (other.n < FEW_RUNS) {
            for (int i = 0; i < other.n; i++) {
                putRun(other.lo[i], other.hi[i]);
            }
        } else {
            takeRuns(union(other));
        }
    }

    /** Removes every id of {@code other} from this set (idset_subtract). */
    public void subtract(IdSet other) {
        if (other == this) {
            n = 0;
            count = 0;
        } else if (other.n < FEW_RUNS) {
            for (int i = 0; i < other.n && n > 0; i++) {
                removeRun(other.lo[i], other.hi[i]);
            }
        } else if (n > 0) {
            takeRuns(difference(other));
        }
    }

    /** Adopts r's arrays (r is a fresh result nobody else holds). */
    private void takeRuns(IdSet r) {
        lo = r.lo;
        hi = r.hi;
        n = r.n;
        count = r.count;
    }

    /**
     * A merge result is built in arrays sized for the worst case; if it came out much smaller,
     * cut it down so a small result does not pin a large allocation.
     */
    private IdSet trimmed() {
        if (n < lo.length / 2) {
            lo = Arrays.copyOf(lo, n);
            hi = Arrays.copyOf(hi, n);
        }
        return this;
    }

    /** A new set: this union other. O(n + m): one merge of the two run lists. */
    public IdSet union(IdSet other) {
        IdSet r = new IdSet(n + other.n);
        int i = 0;
        int j = 0;
        // The run being built is curLo..curHi; the next run by lo either extends it or ends it.
        int curLo = -1;
        int curHi = -1;
        while (i < n || j < other.n) {
            int l;
            int h;
            if (j >= other.n || (i < n && lo[i] <= other.lo[j])) {
                l = lo[i];
                h = hi[i++];
            } else {
                l = other.lo[j];
                h = other.hi[j++];
            }
            if (curLo >= 0 && l <= (long) curHi + 1) {
                curHi = Math.max(curHi, h);
            } else {
                if (curLo >= 0) {
                    r.append(curLo, curHi);
                }
                curLo = l;
                curHi = h;
            }
        }
        if (curLo >= 0) {
            r.append(curLo, curHi);
        }
        return r.trimmed();
    }

    /** A new set: this minus other. O(n + m): one pass over both run lists. */
    public IdSet difference(IdSet other) {
        IdSet r = new IdSet(n + other.n);
        int j = 0;
        for (int i = 0; i < n; i++) {
            // What is left of run i is l..h; other's runs below it can be skipped for good.
            int l = lo[i];
            int h = hi[i];
            boolean left = true;
            while (j < other.n && other.hi[j] < l) {
                j++;
            }
            while (j < other.n && other.lo[j] <= h) {
                if (other.lo[j] > l) {
                    r.append(l, other.lo[j] - 1);
                }
                if (other.hi[j] >= h) {
                    // Covers the rest of run i; keep j, it may cover the next run too.
                    left = false;
                    break;
                }
                l = other.hi[j++] + 1;
            }
            if (left) {
                r.append(l, h);
            }
        }
        return r.trimmed();
    }

    /** A new set: the ids in both. O(n + m): one pass over both run lists. */
    public IdSet intersect(IdSet other) {
        if (n == 0 || other.n == 0) {
            return new IdSet();
        }
        IdSet r = new IdSet(n + other.n - 1);
        int i = 0;
        int j = 0;
        while (i < n && j < other.n) {
            int l = Math.max(lo[i], other.lo[j]);
            int h = Math.min(hi[i], other.hi[j]);
            if (l <= h) {
                r.append(l, h);
            }
            // Step past whichever run ends first; the other may overlap the next one too.
            if (hi[i] < other.hi[j]) {
                i++;
            } else {
                j++;
            }
        }
        return r.trimmed();
    }

    /**
     * Whether the two sets share an id. Allocates nothing and stops at the first shared id;
     * when one set has far fewer runs, looks each of them up in the other (O(m log n)) rather
     * than walking both (O(n + m)).
     */
    public boolean hasIntersection(IdSet other) {
        if (n == 0 || other.n == 0 || hi[n - 1] < other.lo[0] || other.hi[other.n - 1] < lo[0]) {
            return false;
        }
        IdSet small = n <= other.n ? this : other;
        IdSet big = small == this ? other : this;
        int log = 32 - Integer.numberOfLeadingZeros(big.n);
        if ((long) small.n * log < (long) small.n + big.n) {
            for (int i = 0; i < small.n; i++) {
                // The last big run starting at or below small's hi is the only one that can reach its lo.
                int k = big.floorRun(small.hi[i]);
                if (k >= 0 && big.hi[k] >= small.lo[i]) {
                    return true;
                }
            }
            return false;
        }
        int i = 0;
        int j = 0;
        while (i < n && j < other.n) {
            if (Math.max(lo[i], other.lo[j]) <= Math.min(hi[i], other.hi[j])) {
                return true;
            }
            if (hi[i] < other.hi[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
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
        long length = ranged ? rangedLength() : encodedLength();
        if (!ranged && length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("idset: " + count + " ids are too many to encode without ranges");
        }
        // Sized up front (both lengths are exact, give or take a comma) so the builder never regrows.
        StringBuilder sb = new StringBuilder((int) Math.min(length + 2, Integer.MAX_VALUE - 16));
        boolean wrap = brackets && count > 1;
        if (wrap) {
            sb.append('[');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int l = lo[i];
            int h = hi[i];
            if (ranged) {
                sb.append(l);
                if (h > l) {
                    sb.append('-').append(h);
                }
            } else {
                sb.append(l);
                for (long id = (long) l + 1; id <= h; id++) {
                    sb.append(',').append(id);
                }
            }
        }
        if (wrap) {
            sb.append(']');
        }
        return sb.toString();
    }

    /** The number of decimal digits of a non-negative int. */
    private static int digits(int v) {
        int d = 1;
        for (long p = 10; p <= v; p *= 10) {
            d++;
        }
        return d;
    }

    /** The length of the ranged encoding without brackets. */
    private long rangedLength() {
        long len = Math.max(n - 1, 0);
        for (int i = 0; i < n; i++) {
            len += digits(lo[i]);
            if (hi[i] > lo[i]) {
                len += 1 + digits(hi[i]);
            }
        }
        return len;
    }

    /** The length of the encoding without ranges: digits plus commas. */
    private long encodedLength() {
        long len = 0;
        for (int i = 0; i < n; i++) {
            long l = lo[i];
            long h = hi[i];
            long p = 1;
            for (int d = 1; d <= 10; d++) {
                long a = Math.max(l, d == 1 ? 0 : p);
                long b = Math.min(h, p * 10 - 1);
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

    /**
     * The ids in ascending order, unboxed. Like {@link #next(int)} on the live set: an edit
     * made while iterating shows from the id after the one last returned.
     */
    @Override
    public PrimitiveIterator.OfInt iterator() {
        return new PrimitiveIterator.OfInt() {
            private int nextId = first();
            /** The run that held nextId when it was found: a hint that saves a binary search. */
            private int run;

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
                if (run >= n || lo[run] > id || hi[run] < id) {
                    // The set was edited and id's run moved or went: search.
                    nextId = IdSet.this.next(id);
                    run = nextId == INVALID_ID ? 0 : floorRun(nextId);
                } else if (id < hi[run]) {
                    nextId = id + 1;
                } else {
                    run++;
                    nextId = run < n ? lo[run] : INVALID_ID;
                }
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
        return o instanceof IdSet other && other.n == n
                && Arrays.equals(lo, 0, n, other.lo, 0, n) && Arrays.equals(hi, 0, n, other.hi, 0, n);
    }

    /** The same value as the TreeMap of runs this class once held: the sum of lo ^ hi. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < n; i++) {
            h += lo[i] ^ hi[i];
        }
        return h;
    }
}
