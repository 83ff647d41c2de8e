package org.fluxj.formats.idset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet.Flag;

/**
 * Set algebra and edits on run-heavy sets (many runs of varied length, near 0 or near
 * {@link IdSet#MAX_ID}), checked against a java.util.BitSet model. Models hold offsets from a
 * base so the top of the id space fits in a small BitSet.
 */
class IdSetRunsPropertiesTest {

    private static final int SPAN = 3000;

    /** A set as {base, then (start, length) pairs} of offsets below SPAN. */
    record Spec(int base, List<int[]> runs) {
        IdSet ids() {
            IdSet s = new IdSet();
            for (int[] r : runs) {
                s.setRange(base + r[0], base + r[0] + r[1] - 1);
            }
            return s;
        }

        BitSet model() {
            BitSet b = new BitSet(SPAN);
            for (int[] r : runs) {
                b.set(r[0], r[0] + r[1]);
            }
            return b;
        }
    }

    @Provide
    Arbitrary<Spec> sets() {
        // Mostly single ids and short runs (many runs), some long ones (merging and splitting).
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(1)),
                Tuple.of(3, Arbitraries.integers().between(2, 4)),
                Tuple.of(1, Arbitraries.integers().between(5, 200)));
        Arbitrary<int[]> run = Combinators.combine(Arbitraries.integers().between(0, SPAN - 1), length)
                .as((start, len) -> new int[] {start, Math.min(len, SPAN - start)});
        Arbitrary<Integer> base = Arbitraries.of(0, IdSet.MAX_ID - SPAN + 1);
        return Combinators.combine(base, run.list().ofMaxSize(120)).as(Spec::new);
    }

    /** Pairs share a base so their ids can meet. */
    @Provide
    Arbitrary<List<Spec>> pairs() {
        return Combinators.combine(sets(), sets()).as((a, b) -> List.of(a, new Spec(a.base(), b.runs())));
    }

    private static void assertModel(BitSet want, int base, IdSet got) {
        assertEquals(want.cardinality(), got.count());
        BitSet have = new BitSet(SPAN);
        got.forEach(id -> have.set(id - base));
        assertEquals(want, have);
        assertEquals(want.isEmpty() ? IdSet.INVALID_ID : base + want.nextSetBit(0), got.first());
        assertEquals(want.isEmpty() ? IdSet.INVALID_ID : base + want.length() - 1, got.last());
    }

    @Property
    void algebraMatchesBitSet(@ForAll("pairs") List<Spec> pair) {
        Spec a = pair.get(0);
        Spec b = pair.get(1);
        int base = a.base();
        IdSet x = a.ids();
        IdSet y = b.ids();

        BitSet union = a.model();
        union.or(b.model());
        assertModel(union, base, x.union(y));
        BitSet diff = a.model();
        diff.andNot(b.model());
        assertModel(diff, base, x.difference(y));
        BitSet inter = a.model();
        inter.and(b.model());
        assertModel(inter, base, x.intersect(y));
        assertEquals(!inter.isEmpty(), x.hasIntersection(y));
        assertEquals(!x.intersect(y).isEmpty(), x.hasIntersection(y));
        assertEquals(x.hasIntersection(y), y.hasIntersection(x));

        // In place, both the run-by-run path (few runs in y) and the merge path.
        IdSet z = x.copy();
        z.add(y);
        assertEquals(x.union(y), z);
        assertModel(union, base, z);
        z = x.copy();
        z.subtract(y);
        assertEquals(x.difference(y), z);
        assertModel(diff, base, z);
        assertModel(a.model(), base, x);
        assertModel(b.model(), base, y);
    }

    @Property
    void aliasedOperandsAreSafe(@ForAll("sets") Spec a) {
        IdSet x = a.ids();
        IdSet same = x.copy();
        x.add(x);
        assertEquals(same, x);
        assertEquals(same, x.union(x));
        assertEquals(same, x.intersect(x));
        assertEquals(!same.isEmpty(), x.hasIntersection(x));
        assertFalse(x.difference(x).hasIntersection(x));
        x.subtract(x);
        assertEquals(new IdSet(), x);
        assertEquals(0, x.count());
    }

    @Property
    void editsMatchBitSet(@ForAll("pairs") List<Spec> pair) {
        Spec a = pair.get(0);
        int base = a.base();
        IdSet x = a.ids();
        BitSet m = a.model();
        boolean set = false;
        for (int[] r : pair.get(1).runs()) {
            if (set) {
                x.setRange(base + r[0] + r[1] - 1, base + r[0]);
                m.set(r[0], r[0] + r[1]);
            } else {
                x.clearRange(base + r[0], base + r[0] + r[1] - 1);
                m.clear(r[0], r[0] + r[1]);
            }
            set = !set;
            assertEquals(m.cardinality(), x.count());
        }
        assertModel(m, base, x);
        for (int p = 0; p < SPAN; p += 7) {
            assertEquals(m.get(p), x.contains(base + p));
            int nx = m.nextSetBit(p + 1);
            assertEquals(nx < 0 ? IdSet.INVALID_ID : base + nx, x.next(base + p));
            int pv = p == 0 ? -1 : m.previousSetBit(p - 1);
            assertEquals(pv < 0 ? IdSet.INVALID_ID : base + pv, x.prev(base + p));
        }
    }

    @Property
    void equalSetsAgreeHoweverBuilt(@ForAll("sets") Spec a) throws FormatException {
        IdSet x = a.ids();
        List<int[]> reversed = new ArrayList<>(a.runs());
        Collections.reverse(reversed);
        IdSet y = new Spec(a.base(), reversed).ids();
        IdSet z = IdSet.decode(x.encode(Flag.RANGE, Flag.BRACKETS));
        assertEquals(x, y);
        assertEquals(x, z);
        assertEquals(x.hashCode(), y.hashCode());
        assertEquals(x.hashCode(), z.hashCode());
        assertEquals(x.encode(), z.encode());
    }

    /**
     * Edited mid-walk, the iterator behaves as next() on the live set: each nextInt() also
     * finds the id after the one it returns, so an edit shows from the id after that.
     */
    @Property
    void iteratorFollowsEditsLikeNext(@ForAll("pairs") List<Spec> pair) {
        Spec a = pair.get(0);
        int base = a.base();
        IdSet x = a.ids();
        IdSet shadow = x.copy();
        List<int[]> edits = pair.get(1).runs();
        var it = x.iterator();
        int expected = shadow.first();
        int step = 0;
        while (it.hasNext()) {
            int id = it.nextInt();
            assertEquals(expected, id);
            expected = shadow.next(id);
            if (step < edits.size() && step % 3 == 0) {
                int[] r = edits.get(step);
                if (step % 2 == 0) {
                    x.clearRange(base + r[0], base + r[0] + r[1] - 1);
                    shadow.clearRange(base + r[0], base + r[0] + r[1] - 1);
                } else {
                    x.setRange(base + r[0], base + r[0] + r[1] - 1);
                    shadow.setRange(base + r[0], base + r[0] + r[1] - 1);
                }
            }
            step++;
        }
        assertEquals(IdSet.INVALID_ID, expected);
    }
}
