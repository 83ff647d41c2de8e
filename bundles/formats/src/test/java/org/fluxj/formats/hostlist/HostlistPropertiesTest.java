package org.fluxj.formats.hostlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;

/** Round trips and list laws, checked against a plain java.util.List of host names. */
class HostlistPropertiesTest {

    /** Host names like flux sees them: a short prefix, often a zero-padded number, a suffix. */
    @Provide
    Arbitrary<String> host() {
        Arbitrary<String> prefix = Arbitraries.of("", "n", "node", "a-", "b1c", "rack1-n", "x.y");
        Arbitrary<String> number = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 3)).as((n, w) -> w == 0 ? Integer.toString(n) : String.format("%0" + w + "d", n));
        Arbitrary<String> numbered = Combinators.combine(prefix, number).as(String::concat);
        Arbitrary<String> suffixed = Combinators.combine(numbered, Arbitraries.of("-eth0", "b", "-ib"))
                .as(String::concat);
        Arbitrary<String> odd = Arbitraries.strings().withChars("ab09-._").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> huge = Arbitraries.of("h99999999999999999999999", "9223372036854775807", "g9223372036854775808");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, numbered),
                net.jqwik.api.Tuple.of(2, suffixed),
                net.jqwik.api.Tuple.of(2, odd),
                net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(1, prefix.filter(p -> !p.isEmpty())));
    }

    @Provide
    Arbitrary<List<String>> hosts() {
        return host().list().ofMaxSize(30);
    }

    private static Hostlist build(List<String> hosts) throws FormatException {
        Hostlist hl = new Hostlist();
        for (String h : hosts) {
            hl.append(h);
        }
        return hl;
    }

    @Property
    void appendingHostsKeepsThem(@ForAll("hosts") List<String> hosts) throws FormatException {
        Hostlist hl = build(hosts);
        assertEquals(hosts, hl.expand());
        assertEquals(hosts.size(), hl.count());
        assertEquals(hl, Hostlist.decode(String.join(",", hosts)));
        for (int i = 0; i < hosts.size(); i++) {
            assertEquals(hosts.get(i), hl.nth(i));
            assertEquals(hosts.get(i), hl.nth(i - hosts.size()));
        }
    }

    @Property
    void decodeOfEncodeIsTheSameList(@ForAll("hosts") List<String> hosts) throws FormatException {
        Hostlist hl = build(hosts);
        String encoded = hl.encode();
        Hostlist back = Hostlist.decode(encoded);
        assertEquals(hosts, back.expand());
        assertEquals(encoded, back.encode());
    }

    @Property
    void encodeOfDecodeIsStable(@ForAll("hosts") List<String> hosts) throws FormatException {
        String once = Hostlist.decode(String.join(",", hosts)).encode();
        assertEquals(once, Hostlist.decode(once).encode());
    }

    @Property
    void findAndContainsMatchTheList(@ForAll("hosts") List<String> hosts, @ForAll("host") String probe)
            throws FormatException {
        Hostlist hl = build(hosts);
        assertEquals(hosts.indexOf(probe), hl.find(probe));
        assertEquals(hosts.contains(probe), hl.contains(probe));
        for (String h : hosts) {
            assertEquals(hosts.indexOf(h), hl.find(h));
        }
    }

    @Property
    void sortKeepsEveryHost(@ForAll("hosts") List<String> hosts) throws FormatException {
        Hostlist hl = build(hosts).sort();
        List<String> sorted = new ArrayList<>(hl.expand());
        assertEquals(hosts.size(), hl.count());
        assertEquals(sorted.size(), hl.count());
        List<String> a = new ArrayList<>(hosts);
        List<String> b = new ArrayList<>(sorted);
        a.sort(null);
        b.sort(null);
        assertEquals(a, b);
        assertEquals(sorted, Hostlist.decode(hl.encode()).expand());
        // Sorting is idempotent on the encoded form.
        assertEquals(hl.encode(), hl.copy().sort().encode());
    }

    @Property
    void uniqLeavesEachHostOnce(@ForAll("hosts") List<String> hosts) throws FormatException {
        Hostlist hl = build(hosts).uniq();
        List<String> out = hl.expand();
        assertEquals(new HashSet<>(hosts), new HashSet<>(out));
        assertEquals(new LinkedHashSet<>(out).size(), out.size());
        assertEquals(out.size(), hl.count());
    }

    @Property
    void deleteRemovesFirstOccurrences(@ForAll("hosts") List<String> hosts, @ForAll("hosts") List<String> del)
            throws FormatException {
        Hostlist hl = build(hosts);
        List<String> model = new ArrayList<>(hosts);
        int removed = 0;
        for (String h : del) {
            if (model.remove(h)) {
                removed++;
            }
        }
        assertEquals(removed, hl.delete(build(del)));
        assertEquals(model, hl.expand());
        assertEquals(model.size(), hl.count());
    }

    @Property
    void setOperationsMatchJavaSets(@ForAll("hosts") List<String> a, @ForAll("hosts") List<String> b)
            throws FormatException {
        Hostlist ha = build(a);
        Hostlist hb = build(b);
        Set<String> sa = new HashSet<>(a);
        Set<String> sb = new HashSet<>(b);

        Set<String> union = new HashSet<>(sa);
        union.addAll(sb);
        assertDistinctSet(union, ha.union(hb));

        Set<String> inter = new HashSet<>(sa);
        inter.retainAll(sb);
        assertDistinctSet(inter, ha.intersect(hb));

        Set<String> xor = new HashSet<>(union);
        xor.removeAll(inter);
        assertDistinctSet(xor, ha.xor(hb));

        List<String> diff = new ArrayList<>(a);
        diff.removeIf(sb::contains);
        assertEquals(diff, ha.difference(hb).expand());

        // The operands are unchanged.
        assertEquals(a, ha.expand());
        assertEquals(b, hb.expand());
    }

    private static void assertDistinctSet(Set<String> want, Hostlist got) {
        List<String> hosts = got.expand();
        assertEquals(want, new HashSet<>(hosts));
        assertEquals(want.size(), hosts.size());
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("ab01239[]-, \t\n_.").ofMaxLength(24);
    }

    @Property
    void anyStringDecodesOrFailsCleanly(@ForAll("noise") String s) {
        checkDecodeIsClean(s);
    }

    @Property
    void anyUnicodeStringDecodesOrFailsCleanly(@ForAll String s) {
        checkDecodeIsClean(s);
    }

    private static void checkDecodeIsClean(String s) {
        try {
            Hostlist hl = Hostlist.decode(s);
            assertEquals(hl.expand().size(), hl.count());
            hl.encode();
            hl.copy().sort();
            hl.copy().uniq();
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("hostlist: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
