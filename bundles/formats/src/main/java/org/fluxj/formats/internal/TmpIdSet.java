package org.fluxj.formats.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;

/** TEMPORARY stand-in for org.fluxj.formats.idset.IdSet until branch hostlist-idset lands. */
public final class TmpIdSet implements Iterable<Long> {
    public static final long MAX = 0xFFFFFFFFL - 1;
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public TmpIdSet() {
    }

    public static TmpIdSet of(long... ids) {
        TmpIdSet s = new TmpIdSet();
        for (long id : ids) {
            s.add(id);
        }
        return s;
    }

    public static TmpIdSet range(long lo, long hi) {
        TmpIdSet s = new TmpIdSet();
        if (hi >= lo) {
            s.addRange(lo, hi);
        }
        return s;
    }

    public static TmpIdSet decode(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("idset: input is NULL");
        }
        String t = s;
        if (t.length() >= 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            t = t.substring(1, t.length() - 1);
        }
        if (t.indexOf('[') >= 0 || t.indexOf(']') >= 0) {
            throw new FormatException("idset: mismatched or nested brackets");
        }
        TmpIdSet set = new TmpIdSet();
        long max = -1;
        for (String tok : t.split(",", -1)) {
            if (tok.isEmpty()) {
                continue;
            }
            int dash = tok.indexOf('-');
            long lo;
            long hi;
            try {
                if (dash < 0) {
                    lo = hi = num(tok);
                } else {
                    lo = num(tok.substring(0, dash));
                    hi = num(tok.substring(dash + 1));
                    if (hi <= lo) {
                        throw new NumberFormatException();
                    }
                }
            } catch (NumberFormatException e) {
                throw new FormatException("idset: error parsing range '" + tok + "'");
            }
            if (lo <= max) {
                throw new FormatException("idset: range '" + tok + "' is out of order");
            }
            if (hi > MAX) {
                throw new FormatException("idset: Numerical result out of range");
            }
            set.addRange(lo, hi);
            max = hi;
        }
        return set;
    }

    private static long num(String s) {
        if (s.isEmpty() || s.length() > 11 || (s.charAt(0) == '0' && s.length() > 1)) {
            throw new NumberFormatException();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException();
            }
        }
        return Long.parseLong(s);
    }

    public TmpIdSet copy() {
        TmpIdSet c = new TmpIdSet();
        c.ranges.putAll(ranges);
        return c;
    }

    public void add(long id) {
        addRange(id, id);
    }

    public void addRange(long lo, long hi) {
        Map.Entry<Long, Long> e = ranges.floorEntry(lo);
        if (e != null && e.getValue() >= lo - 1) {
            lo = e.getKey();
            hi = Math.max(hi, e.getValue());
        }
        Map.Entry<Long, Long> n;
        while ((n = ranges.ceilingEntry(lo)) != null && n.getKey() <= hi + 1) {
            hi = Math.max(hi, n.getValue());
            ranges.remove(n.getKey());
        }
        ranges.put(lo, hi);
    }

    public void remove(long id) {
        Map.Entry<Long, Long> e = ranges.floorEntry(id);
        if (e == null || e.getValue() < id) {
            return;
        }
        ranges.remove(e.getKey());
        if (e.getKey() < id) {
            ranges.put(e.getKey(), id - 1);
        }
        if (e.getValue() > id) {
            ranges.put(id + 1, e.getValue());
        }
    }

    public boolean contains(long id) {
        Map.Entry<Long, Long> e = ranges.floorEntry(id);
        return e != null && e.getValue() >= id;
    }

    public long count() {
        long n = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            n += e.getValue() - e.getKey() + 1;
        }
        return n;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public long first() {
        return ranges.isEmpty() ? -1 : ranges.firstKey();
    }

    public long last() {
        return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
    }

    public TmpIdSet union(TmpIdSet o) {
        TmpIdSet r = copy();
        o.ranges.forEach(r::addRange);
        return r;
    }

    public TmpIdSet subtract(TmpIdSet o) {
        TmpIdSet r = new TmpIdSet();
        for (long id : this) {
            if (!o.contains(id)) {
                r.add(id);
            }
        }
        return r;
    }

    public TmpIdSet intersect(TmpIdSet o) {
        TmpIdSet r = new TmpIdSet();
        for (long id : this) {
            if (o.contains(id)) {
                r.add(id);
            }
        }
        return r;
    }

    public boolean intersects(TmpIdSet o) {
        for (long id : this) {
            if (o.contains(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<Long> iterator() {
        List<long[]> rs = new ArrayList<>();
        ranges.forEach((k, v) -> rs.add(new long[] {k, v}));
        return new Iterator<>() {
            int i = 0;
            long next = rs.isEmpty() ? 0 : rs.get(0)[0];

            @Override
            public boolean hasNext() {
                return i < rs.size();
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long v = next;
                if (next == rs.get(i)[1]) {
                    i++;
                    if (i < rs.size()) {
                        next = rs.get(i)[0];
                    }
                } else {
                    next++;
                }
                return v;
            }
        };
    }

    /** Ranged encoding, e.g. "0-3,5". */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        ranges.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k);
            if (v > k) {
                sb.append('-').append(v);
            }
        });
        return sb.toString();
    }

    /** Comma list without ranges. */
    public String encodeDeranged() {
        StringBuilder sb = new StringBuilder();
        for (long id : this) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(id);
        }
        return sb.toString();
    }

    /** Ranged with brackets when more than one id. */
    public String encodeBrackets() {
        return count() > 1 ? "[" + encode() + "]" : encode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TmpIdSet t && t.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
