package org.fluxj.formats.rset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;

/** R round trips through its text, and the set algebra laws hold. */
class ResourceSetPropertiesTest {

    @Provide
    Arbitrary<ResourceSet> sets() {
        Arbitrary<ResourceSet.Node> node = Combinators.combine(
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 7).set().ofMaxSize(6),
                Arbitraries.integers().between(0, 3).set().ofMaxSize(3),
                Arbitraries.of("login", "debug", "big").set().ofMaxSize(2))
                .as((rank, cores, gpus, props) -> {
                    Map<String, IdSet> c = new LinkedHashMap<>();
                    c.put("core", ids(cores));
                    c.put("gpu", ids(gpus));
                    return new ResourceSet.Node(rank, "n" + rank, c, props);
                });
        return node.list().ofMaxSize(8).map(nodes -> {
            Map<Integer, ResourceSet.Node> byRank = new LinkedHashMap<>();
            for (ResourceSet.Node n : nodes) {
                if (n.total() > 0) {
                    byRank.putIfAbsent(n.rank(), n);
                }
            }
            try {
                return ResourceSet.of(new ArrayList<>(byRank.values()));
            } catch (FormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static IdSet ids(Iterable<Integer> xs) {
        IdSet s = new IdSet();
        xs.forEach(s::set);
        return s;
    }

    /** Every (rank, type, id) in a set. */
    private static List<String> atoms(ResourceSet rl) {
        List<String> out = new ArrayList<>();
        for (ResourceSet.Node n : rl.nodes()) {
            n.children().forEach((k, v) -> v.forEach(id -> out.add(n.rank() + "/" + k + id)));
        }
        return out;
    }

    @Property
    void encodeParseRoundTrip(@ForAll("sets") ResourceSet rl) throws FormatException {
        ResourceSet back = ResourceSet.parse(rl.encode());
        assertEquals(rl.encode(), back.encode());
        assertEquals(rl.dumps(), back.dumps());
        assertEquals(atoms(rl), atoms(back));
        assertEquals(rl.properties(), back.properties());
    }

    @Property
    void unionContainsBoth(@ForAll("sets") ResourceSet a, @ForAll("sets") ResourceSet b) {
        List<String> u = atoms(a.union(b));
        assertTrue(u.containsAll(atoms(a)));
        assertTrue(u.containsAll(atoms(b)));
    }

    @Property
    void differenceIsDisjointFromSubtrahend(@ForAll("sets") ResourceSet a, @ForAll("sets") ResourceSet b) {
        assertTrue(a.diff(b).intersect(b).isEmpty());
        List<String> d = atoms(a.diff(b));
        assertTrue(atoms(a).containsAll(d));
    }

    @Property
    void intersectionIsInBoth(@ForAll("sets") ResourceSet a, @ForAll("sets") ResourceSet b) {
        List<String> i = atoms(a.intersect(b));
        assertTrue(atoms(a).containsAll(i));
        assertTrue(atoms(b).containsAll(i));
        assertEquals(new java.util.TreeSet<>(i), new java.util.TreeSet<>(atoms(b.intersect(a))));
    }

    @Property
    void differencePlusIntersectionIsTheWhole(@ForAll("sets") ResourceSet a, @ForAll("sets") ResourceSet b) {
        List<String> whole = new ArrayList<>(atoms(a.diff(b)));
        whole.addAll(atoms(a.intersect(b)));
        assertEquals(new java.util.TreeSet<>(atoms(a)), new java.util.TreeSet<>(whole));
    }

    @Property
    void unionWithSelfIsSelf(@ForAll("sets") ResourceSet a) {
        assertEquals(a.encode(), a.union(a).encode());
        assertTrue(a.diff(a).isEmpty());
    }

    @Property
    void remapKeepsCounts(@ForAll("sets") ResourceSet a) {
        ResourceSet r = a.remap();
        assertEquals(a.nnodes(), r.nnodes());
        assertEquals(a.count("core"), r.count("core"));
        assertEquals(a.count("gpu"), r.count("gpu"));
        assertEquals(a.isEmpty() ? new IdSet() : IdSet.range(0, a.nnodes() - 1), r.ranks());
    }

    @Property
    void anyTextParsesOrThrowsFormatException(@ForAll("junk") String s) {
        try {
            ResourceSet.parse(s);
        } catch (FormatException e) {
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
        try {
            ResourceConfig.fromToml(s, "junk.toml");
        } catch (FormatException e) {
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> mutated = Arbitraries.of(
                "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-3\", \"children\": {\"core\": \"0-1\"}}], \"nodelist\": [\"foo[0-3]\"]}}",
                "[[resource.config]]\nhosts = \"foo[0-2]\"\ncores = \"0-1\"\n")
                .flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                        .flatMap(i -> Arbitraries.strings().withChars("[]{}\"0-,x1\n=").ofMaxLength(3)
                                .map(ins -> s.substring(0, i) + ins + s.substring(i + 1))));
        return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(40));
    }
}
