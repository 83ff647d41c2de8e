package org.fluxj.formats.idset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet.Flag;

/** Round trips and set laws, checked against java.util.TreeSet. */
class IdSetPropertiesTest {

    @Provide
    Arbitrary<Set<Integer>> ids() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40).set().ofMaxSize(30),
                Arbitraries.integers().between(0, 2000).set().ofMaxSize(60),
                Arbitraries.integers().between(IdSet.MAX_ID - 10, IdSet.MAX_ID).set());
    }

    private static IdSet build(Set<Integer> s) {
        IdSet ids = new IdSet();
        for (int id : s) {
            ids.set(id);
        }
        return ids;
    }

    private static TreeSet<Integer> model(IdSet ids) {
        TreeSet<Integer> t = new TreeSet<>();
        ids.forEach(t::add);
        return t;
    }

    @Property
    void decodeOfEncodeIsTheSameSet(@ForAll("ids") Set<Integer> s) throws FormatException {
        IdSet ids = build(s);
        for (Flag[] flags : List.of(new Flag[0], new Flag[] {Flag.RANGE}, new Flag[] {Flag.BRACKETS},
                new Flag[] {Flag.RANGE, Flag.BRACKETS})) {
            IdSet back = IdSet.decode(ids.encode(flags));
            assertEquals(ids, back);
            assertEquals(new TreeSet<>(s), model(back));
            assertEquals(s.size(), back.count());
        }
    }

    @Property
    void encodeOfDecodeIsStable(@ForAll("ids") Set<Integer> s) throws FormatException {
        String ranged = build(s).encode(Flag.RANGE);
        assertEquals(ranged, IdSet.decode(ranged).encode(Flag.RANGE));
        String plain = build(s).encode();
        assertEquals(plain, IdSet.decode(plain).encode());
        assertEquals(ranged, IdSet.decode(plain).encode(Flag.RANGE));
    }

    @Property
    void queriesMatchTreeSet(@ForAll("ids") Set<Integer> s, @ForAll("ids") Set<Integer> probes) {
        IdSet ids = build(s);
        TreeSet<Integer> t = new TreeSet<>(s);
        assertEquals(t.size(), ids.count());
        assertEquals(t.isEmpty(), ids.isEmpty());
        assertEquals(t.isEmpty() ? IdSet.INVALID_ID : t.first(), ids.first());
        assertEquals(t.isEmpty() ? IdSet.INVALID_ID : t.last(), ids.last());
        for (int p : probes) {
            assertEquals(t.contains(p), ids.contains(p));
            Integer hi = t.higher(p);
            Integer lo = t.lower(p);
            assertEquals(hi == null ? IdSet.INVALID_ID : hi, ids.next(p));
            assertEquals(lo == null ? IdSet.INVALID_ID : lo, ids.prev(p));
        }
        assertEquals(List.copyOf(t), ids.stream().boxed().toList());
    }

    @Property
    void setOperationsMatchTreeSet(@ForAll("ids") Set<Integer> a, @ForAll("ids") Set<Integer> b) {
        IdSet x = build(a);
        IdSet y = build(b);

        TreeSet<Integer> union = new TreeSet<>(a);
        union.addAll(b);
        assertEquals(union, model(x.union(y)));
        assertEquals(union.size(), x.union(y).count());

        TreeSet<Integer> diff = new TreeSet<>(a);
        diff.removeAll(b);
        assertEquals(diff, model(x.difference(y)));
        assertEquals(diff.size(), x.difference(y).count());

        TreeSet<Integer> inter = new TreeSet<>(a);
        inter.retainAll(b);
        assertEquals(inter, model(x.intersect(y)));
        assertEquals(inter.size(), x.intersect(y).count());
        assertEquals(!inter.isEmpty(), x.hasIntersection(y));

        // Laws: commutativity, and a = (a - b) + (a & b).
        assertEquals(x.union(y), y.union(x));
        assertEquals(x.intersect(y), y.intersect(x));
        assertEquals(x, x.difference(y).union(x.intersect(y)));

        // In-place forms agree, and the operands are unchanged.
        IdSet z = x.copy();
        z.add(y);
        assertEquals(x.union(y), z);
        z = x.copy();
        z.subtract(y);
        assertEquals(x.difference(y), z);
        assertEquals(new TreeSet<>(a), model(x));
        assertEquals(new TreeSet<>(b), model(y));
    }

    @Property
    void rangeEditsMatchTreeSet(@ForAll("ids") Set<Integer> s, @ForAll("ids") Set<Integer> edits) {
        IdSet ids = build(s);
        TreeSet<Integer> t = new TreeSet<>(s);
        boolean set = true;
        Integer prev = null;
        for (int e : edits) {
            if (prev != null) {
                int lo = Math.min(prev, e);
                int hi = Math.max(prev, e);
                if ((long) hi - lo < 5000) {
                    if (set) {
                        ids.setRange(e, prev);
                        for (int i = lo; i <= hi && i >= 0; i++) {
                            t.add(i);
                        }
                    } else {
                        ids.clearRange(prev, e);
                        t.subSet(lo, true, hi, true).clear();
                    }
                    set = !set;
                }
            }
            prev = e;
        }
        assertEquals(t, model(ids));
        assertEquals(t.size(), ids.count());
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("0123456789,-[] x\n").ofMaxLength(20);
    }

    @Property
    void anyStringDecodesOrFailsCleanly(@ForAll("noise") String s) {
        check(s);
    }

    @Property
    void anyUnicodeStringDecodesOrFailsCleanly(@ForAll String s) {
        check(s);
    }

    private static void check(String s) {
        try {
            IdSet ids = IdSet.decode(s);
            assertEquals(ids, IdSet.decode(ids.encode(Flag.RANGE)));
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("idset: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
