package org.fluxj.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Topologies against flux-core's ({@code topology.c}, {@code libutil/kary.c} and their unit tests). */
class TopologyTest {

    private static String internal(Topology t) {
        BitSet b = t.internalRanks();
        if (b.isEmpty()) {
            return "";
        }
        // idset range form: 0-7, 0,2,4
        StringBuilder sb = new StringBuilder();
        int i = b.nextSetBit(0);
        while (i >= 0) {
            int j = i;
            while (b.get(j + 1)) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (j > i) {
                sb.append('-').append(j);
            }
            i = b.nextSetBit(j + 1);
        }
        return sb.toString();
    }

    @Test
    void flatByDefault() {
        Topology t = Topology.create("kary:0", 16);
        assertEquals(-1, t.parentOf(0));
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i < 16; i++) {
            all.add(i);
        }
        assertEquals(all, t.childrenOf(0));
        assertEquals(1, t.maxLevel());
        assertEquals(15, t.descendantCount(0));
        assertEquals(5, t.childRoute(0, 5));
    }

    @Test
    void karyOneIsAChain() {
        Topology t = Topology.create("kary:1", 16);
        assertEquals(List.of(1), t.childrenOf(0));
        assertEquals(15, t.maxLevel());
        assertEquals(1, t.childRoute(0, 5));
        assertEquals(4, t.parentOf(5));
    }

    @Test
    void binaryTreeOf16() {
        Topology t = Topology.kary(16, 2);
        assertEquals(List.of(1, 2), t.childrenOf(0));
        assertEquals(4, t.maxLevel());
        assertEquals(2, t.childRoute(0, 5));
        assertEquals(0, t.parentOf(1));
        assertEquals(List.of(3, 4), t.childrenOf(1));
        assertEquals(1, t.level(1));
        assertEquals(7, t.descendantCount(1));
        assertEquals(4, t.childRoute(1, 10));
        assertEquals(-1, t.childRoute(1, 2));
        assertEquals(-1, t.childRoute(0, 0));
        assertEquals(-1, t.childRoute(0, 99));
        Topology.Subtree s = t.subtree(1);
        assertEquals(1, s.rank());
        assertEquals(8, s.size());
        assertEquals(2, s.children().size());
    }

    @Test
    void fanoutTwoAndThreeParents() {
        // kary_parentof(k, i) = (k + (i + 1) - 2) / k - 1
        int[] k2 = {-1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        int[] k3 = {-1, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
        Topology t2 = Topology.kary(k2.length, 2);
        Topology t3 = Topology.create("kary:3", k3.length);
        for (int i = 0; i < k2.length; i++) {
            assertEquals(k2[i], t2.parentOf(i), "kary:2 parent of " + i);
            assertEquals(k3[i], t3.parentOf(i), "kary:3 parent of " + i);
        }
        assertEquals(List.of(4, 5, 6), t3.childrenOf(1));
        assertEquals(List.of(10, 11, 12), t3.childrenOf(3));
        assertEquals(List.of(), t3.childrenOf(4));
        assertEquals(List.of(7, 8), t2.childrenOf(3));
    }

    @Test
    void internalRanksAsFluxCore() {
        Object[][] cases = {
            {1, "kary:2", ""}, {2, "kary:2", "0"}, {4, "kary:2", "0-1"}, {4, "kary:0", "0"},
            {16, "kary:2", "0-7"}, {48, "kary:2", "0-23"}, {48, "kary:0", "0"}, {48, "kary:16", "0-2"},
            {4, "binomial", "0,2"}, {8, "binomial", "0,2,4,6"}, {16, "binomial", "0,2,4,6,8,10,12,14"},
            {4096, "mincrit:0", "0"}, {1, "mincrit:2", ""}, {2, "mincrit:2", "0"}, {3, "mincrit:2", "0"},
            {4, "mincrit:2", "0-1"}, {5, "mincrit:2", "0-2"}, {6, "mincrit:2", "0-2"}, {7, "mincrit:2", "0-2"},
            {1024, "mincrit:2", "0-2"}, {512, "mincrit", "0"}, {1025, "mincrit", "0"}, {1026, "mincrit", "0-2"},
            {2051, "mincrit", "0-2"}, {2052, "mincrit", "0-3"}, {10800, "mincrit", "0-11"},
        };
        for (Object[] c : cases) {
            Topology t = Topology.create((String) c[1], (Integer) c[0]);
            assertEquals(c[2], internal(t), c[1] + " size " + c[0]);
        }
    }

    @Test
    void binomialOfFive() {
        Topology t = Topology.create("binomial", 5);
        assertEquals(0, t.parentOf(1));
        assertEquals(List.of(), t.childrenOf(1));
        assertEquals(0, t.parentOf(2));
        assertEquals(List.of(3), t.childrenOf(2));
        assertEquals(2, t.parentOf(3));
        assertEquals(0, t.parentOf(4));
        assertEquals(List.of(1, 2, 4), t.childrenOf(0));
    }

    @Test
    void custom() {
        List<Topology.HostEntry> hosts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String parent = switch (i) {
                case 3, 4 -> "test1";
                case 5 -> "test4";
                default -> null;
            };
            hosts.add(new Topology.HostEntry("test" + i, parent));
        }
        Topology t = Topology.create("custom", 8, hosts);
        assertEquals(List.of(1, 2, 6, 7), t.childrenOf(0));
        assertEquals(List.of(3, 4), t.childrenOf(1));
        assertEquals(4, t.parentOf(5));
        assertEquals(3, t.descendantCount(1));
        assertEquals(1, t.childRoute(0, 5));
        assertEquals(4, t.childRoute(1, 5));
        // no hosts: flat, as for a singleton
        assertEquals(List.of(1, 2), Topology.create("custom", 3, null).childrenOf(0));
    }

    @Test
    void customErrors() {
        List<Topology.HostEntry> rank0 = List.of(new Topology.HostEntry("a", "b"), new Topology.HostEntry("b", null));
        assertEquals("Config file [bootstrap] hosts: rank 0 (a) may not have a parent in a tree topology",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("custom", 2, rank0)).getMessage());
        List<Topology.HostEntry> unknown = List.of(new Topology.HostEntry("a", null), new Topology.HostEntry("b", "x"));
        assertEquals("Config file [bootstrap] hosts: invalid parent \"x\" for b (rank 1)",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("custom", 2, unknown)).getMessage());
        List<Topology.HostEntry> self = List.of(new Topology.HostEntry("a", null), new Topology.HostEntry("b", "b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Topology.create("custom", 2, self))
                .getMessage().endsWith("violates rule against cycles"));
        List<Topology.HostEntry> cycle = List.of(new Topology.HostEntry("t0", null), new Topology.HostEntry("t1", "t3"),
                new Topology.HostEntry("t2", "t1"), new Topology.HostEntry("t3", "t2"));
        assertEquals("Config file [bootstrap] hosts: parent \"t2\" for t3 (rank 3) violates rule against cycles",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("custom", 4, cycle)).getMessage());
    }

    @Test
    void badSchemes() {
        assertEquals("unknown topology scheme 'nope'",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("nope:2", 4)).getMessage());
        assertEquals("kary k value must be an integer >= 0",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("kary:x", 4)).getMessage());
        assertEquals("kary k value must be an integer >= 0",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("kary", 4)).getMessage());
        assertEquals("kary k value must be an integer >= 0",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("kary:-1", 4)).getMessage());
        assertEquals("unknown binomial topology directive: 'zz'",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("binomial:zz", 5)).getMessage());
        assertEquals("invalid topology size 0",
                assertThrows(IllegalArgumentException.class, () -> Topology.create("kary:2", 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Topology.kary(4, 2).parentOf(4));
    }

    // ---------------------------------------------------------------- properties

    private static Topology any(String scheme, int size, int k) {
        return switch (scheme) {
            case "kary" -> Topology.kary(size, k);
            case "mincrit" -> Topology.create("mincrit:" + k, size);
            default -> Topology.create("binomial", size);
        };
    }

    @Property
    void parentChainsReachZeroAndSubtreesPartition(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 40) int k, @ForAll("schemes") String scheme) {
        Topology t = any(scheme, size, k);
        for (int r = 0; r < size; r++) {
            int hops = 0;
            for (int p = r; p != 0; p = t.parentOf(p)) {
                assertTrue(t.parentOf(p) < size && t.parentOf(p) >= 0);
                assertTrue(++hops <= size, "cycle at " + r);
            }
            assertEquals(hops, t.level(r));
        }
        // the children's subtrees of every rank partition its descendants
        for (int r = 0; r < size; r++) {
            BitSet union = new BitSet();
            int total = 0;
            for (int c : t.childrenOf(r)) {
                BitSet s = t.subtreeRanks(c);
                assertFalse(union.intersects(s), "subtrees overlap under " + r);
                union.or(s);
                total += s.cardinality();
                assertEquals(r, t.parentOf(c));
            }
            assertEquals(t.descendantCount(r), total);
            BitSet own = t.subtreeRanks(r);
            own.clear(r);
            assertEquals(own, union);
            for (int x = own.nextSetBit(0); x >= 0; x = own.nextSetBit(x + 1)) {
                int via = t.childRoute(r, x);
                assertTrue(t.subtreeRanks(via).get(x), "route to " + x + " from " + r);
            }
        }
        assertEquals(size, t.subtreeRanks(0).cardinality());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> schemes() {
        return net.jqwik.api.Arbitraries.of("kary", "mincrit", "binomial");
    }

    @Property
    void karyMatchesFluxCoreFormula(@ForAll @IntRange(min = 2, max = 500) int size,
            @ForAll @IntRange(min = 1, max = 64) int k) {
        Topology t = Topology.kary(size, k);
        for (int i = 1; i < size; i++) {
            long expected = k == 1 ? i - 1 : (k + (i + 1L) - 2) / k - 1;
            assertEquals(expected, t.parentOf(i));
        }
    }
}
