package org.fluxj.formats.hostlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from RFC 29 and flux-core's libhostlist/test/hostlist.c. */
class HostlistTest {

    private static Hostlist hl(String s) throws FormatException {
        return Hostlist.decode(s);
    }

    @Test
    void emptyList() throws FormatException {
        Hostlist h = new Hostlist();
        assertEquals(0, h.count());
        assertTrue(h.isEmpty());
        assertEquals("", h.encode());
        assertEquals(0, hl("").count());
        assertEquals("", hl("").encode());
        assertEquals(0, h.append(""));
        assertEquals(List.of(), h.expand());
    }

    /** RFC 29 test vectors: the string decodes to the listed hosts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foox,fooy,fooz|foox,fooy,fooz",
        "[1-3,5-6]|1,2,3,5,6",
        "foo[1-5]|foo1,foo2,foo3,foo4,foo5",
        "foo[0-4]-eth2|foo0-eth2,foo1-eth2,foo2-eth2,foo3-eth2,foo4-eth2",
        "foo1,foo1,foo1|foo1,foo1,foo1",
        "[00-02]|00,01,02",
        "[00-2]|00,01,02",
        "foo[1,1,2,1]|foo1,foo1,foo2,foo1",
        "foo[1-3,7],bar|foo1,foo2,foo3,foo7,bar",
        "node[01-03,7]|node01,node02,node03,node7",
    })
    void rfcVectors(String in, String hosts) throws FormatException {
        assertEquals(List.of(hosts.split(",")), hl(in).expand());
    }

    /** flux-core codec_tests: input, encoded output, count. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo-1a-2,foo-1a-3|foo-1a-[2-3]|2",
        "foo1,foo2,foo3,fooi|foo[1-3],fooi|4",
        "foo1,fooi,foo2,foo3|foo1,fooi,foo[2-3]|4",
        "fooi,foo1,foo2,foo3|fooi,foo[1-3]|4",
        "fooi,foo1,foo2,foo3,foo5,foo7,foo8|fooi,foo[1-3,5,7-8]|7",
        "1,2,3,4,5,9|[1-5,9]|6",
        ",1,2,3,4,5,9|[1-5,9]|6",
        ",1,2,3,4,5,9,|[1-5,9]|6",
        "[1-5]|[1-5]|5",
        "foo[1,3]-bar|foo1-bar,foo3-bar|2",
        "[00-03]p|00p,01p,02p,03p|4",
        "p[00-3]p|p00p,p01p,p02p,p03p|4",
        "14636|14636|1",
        "node[01-03,7]|node[01-03,7]|4",
        "foo1 foo2\tfoo3|foo[1-3]|3",
        "foo0|foo0|1",
        "foo0,foo1|foo[0-1]|2",
        "foo0,bar1|foo0,bar1|2",
        "foo[0-10]|foo[0-10]|11",
        "foo9,foo10|foo[9-10]|2",
        "foo[005,4,11-13]|foo[005,4,11-13]|5",
        "foo[1-]|foo1|1",
    })
    void codec(String in, String out, int count) throws FormatException {
        Hostlist h = hl(in);
        assertEquals(count, h.count());
        assertEquals(out, h.encode());
        assertEquals(out, h.copy().encode());
        assertEquals(out, h.toString());
    }

    @Test
    void longCodecVector() throws FormatException {
        String s = "mcr[336-359,488-550,553,556,559,561,567,569-571,573-575,578,581,584,587-589,592,594,597,"
                + "600-602,605,608,610,618-622,627,634,636-670,687-696,699-733,735-742,744-760,762-773]";
        Hostlist h = hl(s);
        assertEquals(237, h.count());
        assertEquals(s, h.encode());
    }

    @Test
    void leadingZerosApplyPerElementAsInFluxCore() throws FormatException {
        // flux-core pads each element by its own low bound; RFC 29 says the first element's.
        assertEquals(List.of("foo005", "foo4", "foo11", "foo12", "foo13"), hl("foo[005,4,11-13]").expand());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "foo[]", "foo[", "foo[1,3", "foo[[1,3]", "foo]", "foo[x-y]", "foo[0-1,2--5]",
        "node[3-1]", "foo[-1]", "foo[1,,2]", "foo[1,]", "foo[,1]", "foo[ 1]", "foo[+1]", "foo[1-2-3]",
        "foo[1]]", "a]b[1]", "node[1-2]-[1-2]", "foo[0-1048576]", "foo[99999999999999999999]",
        "foo[1]x,bar[", "]", "["})
    void rejectsMalformed(String bad) {
        FormatException e = assertThrows(FormatException.class, () -> Hostlist.decode(bad));
        assertTrue(e.getMessage().startsWith("hostlist: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void messagesNameTheBadExpression() {
        FormatException e = assertThrows(FormatException.class, () -> Hostlist.decode("a,node[3-1],b"));
        assertEquals("hostlist: invalid range 'node[3-1]'", e.getMessage());
        e = assertThrows(FormatException.class, () -> Hostlist.decode("foo[1-"));
        assertEquals("hostlist: unmatched '[' in 'foo[1-'", e.getMessage());
        assertThrows(FormatException.class, () -> Hostlist.decode(null));
    }

    @Test
    void limits() throws FormatException {
        assertEquals(1 << 20, hl("foo[0-1048575]").count());
        FormatException e = assertThrows(FormatException.class, () -> hl("foo[0-1048576]"));
        assertTrue(e.getMessage().contains("range too large"), e.getMessage());
        StringBuilder many = new StringBuilder("x[");
        for (int i = 0; i < Hostlist.MAX_RANGES; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        assertEquals(Hostlist.MAX_RANGES, hl(many + "]").count());
        assertThrows(FormatException.class, () -> hl(many + ",99999]"));
        // Ranges stay compact: 10240 ranges of 2^20 hosts exceed the int count, not memory.
        StringBuilder huge = new StringBuilder("y[");
        for (int i = 0; i < 3000; i++) {
            huge.append(i == 0 ? "" : ",").append("0-1048575");
        }
        e = assertThrows(FormatException.class, () -> hl(huge + "]"));
        assertTrue(e.getMessage().contains("too many hosts"), e.getMessage());
        // With a suffix every host is spelled out, so that is bounded more tightly.
        assertThrows(FormatException.class, () -> hl("z[0-1048575,0-10]-eth0"));
    }

    @Test
    void hugeSuffixNumberIsKeptAsOneHost() throws FormatException {
        Hostlist h = hl("foo99999999999999999999999,foo1");
        assertEquals(2, h.count());
        assertEquals("foo99999999999999999999999,foo1", h.encode());
        assertEquals(0, h.find("foo99999999999999999999999"));
    }

    @Test
    void append() throws FormatException {
        Hostlist h = new Hostlist();
        assertEquals(0, h.append(""));
        assertEquals(1, h.append("foo12"));
        assertEquals(3, h.append("foo[4,1-2]"));
        assertEquals(4, h.count());
        assertEquals("foo[12,4,1-2]", h.encode());
        assertEquals(5, h.append(hl("bar[26-30]")));
        assertEquals(9, h.count());
        assertEquals("foo[12,4,1-2],bar[26-30]", h.encode());
        assertThrows(FormatException.class, () -> h.append("foo["));
        assertEquals(9, h.count());
        assertEquals(9, h.append(h));
        assertEquals(18, h.count());
    }

    @Test
    void appendJoinsContiguousRanges() throws FormatException {
        Hostlist h = hl("");
        assertEquals(4, h.append("foo[0-3]"));
        assertEquals("foo[0-3]", h.encode());
        assertEquals(3, h.append("foo[7-9]"));
        assertEquals("foo[0-3,7-9]", h.encode());
        assertEquals(2, h.append(hl("foo1,bar")));
        assertEquals("foo[0-3,7-9,1],bar", h.encode());
        h.append(Hostlist.of("bar0", "bar1"));
        assertEquals("foo[0-3,7-9,1],bar,bar[0-1]", h.encode());
    }

    @Test
    void nth() throws FormatException {
        Hostlist empty = new Hostlist();
        assertThrows(IndexOutOfBoundsException.class, () -> empty.nth(0));
        Hostlist h = hl("foo[1-2,4,5],bar");
        assertEquals(5, h.count());
        assertThrows(IndexOutOfBoundsException.class, () -> h.nth(5));
        assertThrows(IndexOutOfBoundsException.class, () -> h.nth(-6));
        assertEquals("foo1", h.nth(0));
        assertEquals("bar", h.nth(4));
        assertEquals("foo4", h.nth(2));
        assertEquals("bar", h.nth(-1));
        assertEquals("foo1", h.nth(-5));
        Hostlist nine = hl("foo[0-9]");
        assertEquals("foo9", nine.nth(9));
        assertEquals("foo8", nine.nth(-2));
    }

    /** flux-core find_tests: list, host, index. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tst0|tst|-1",
        "tst0,tst|tst|1",
        "tst,tst0|tst|0",
        "tst|tst0|-1",
        "foo[1-5]-eth0|foo3-eth0|2",
        "foo[1-5]|foo3-eth0|-1",
        "[0-5]|3|3",
        "[0-5]i|0|-1",
        "i[0-5]|i00|-1",
        "i[00-05]|i00|0",
        "i[00-05]|i04|4",
        "f00[7-8]|f007|0",
        "f00[7-8,10]|f0010|2",
        "f0010001[07-08]|f001000108|1",
        "cornp2|corn|-1",
        "cornp2|corn2|-1",
        "corn-p2|corn2|-1",
        "corn1-p2|corn2|-1",
        "foo[0-3]|foo1|1",
        "foo[0-3]|foo3|3",
        "foo[0-3]|foo4|-1",
        "foo[0-9]|foo|-1",
        "foo[0-10]|foo01|-1",
        "foo[1-3]|foo[1-2]|-1",
        "foo[1-3]|foo 1|-1",
    })
    void find(String list, String host, int index) throws FormatException {
        Hostlist h = hl(list);
        assertEquals(index, h.find(host));
        assertEquals(index >= 0, h.contains(host));
        if (index >= 0) {
            assertEquals(host, h.nth(index));
        }
    }

    /** flux-core delete_tests: list, hosts to delete, deleted count, result. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo[2-5]|foo6|0|foo[2-5]",
        "foo[2-5]|foo3|1|foo[2,4-5]",
        "foo[2-5],fooi|fooi|1|foo[2-5]",
        "foo[2-5],fooi|foo3|1|foo[2,4-5],fooi",
        "foo[2-5],fooi|foo[1-2]|1|foo[3-5],fooi",
        "foo[0-7]|foo[1,0,2-7]|8|''",
        "foo[2-4]-eth2|foo3-eth2|1|foo2-eth2,foo4-eth2",
        "foo[0-10]|foo5|1|foo[0-4,6-10]",
        "host[1,1,1]|host1|1|host[1,1]",
        "host[1-10]|host[1-20]|10|''",
    })
    void delete(String list, String del, int n, String result) throws FormatException {
        Hostlist h = hl(list);
        assertEquals(n, h.delete(del));
        assertEquals(result, h.encode());
        assertEquals(h.expand().size(), h.count());
    }

    @Test
    void deleteSequence() throws FormatException {
        Hostlist h = hl("foo[0-10]");
        assertEquals(1, h.delete("foo5"));
        assertEquals(2, h.delete("foo1,foo3"));
        assertEquals("foo[0,2,4,6-10]", h.encode());
        assertEquals(2, h.delete(hl("foo[6-7]")));
        assertEquals("foo[0,2,4,8-10]", h.encode());
        assertThrows(FormatException.class, () -> h.delete("foo["));
        Hostlist copy = hl("foo[0-3]");
        Hostlist cp = copy.copy();
        copy.delete("foo[0-3]");
        assertEquals("foo[0-3]", cp.encode());
        assertEquals("", copy.encode());
    }

    /** flux-core sortuniq_tests: input, sorted, uniq. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo,f,bar,baz|bar,baz,f,foo|bar,baz,f,foo",
        "[5-6],[3-4],[1-2,0]|[0-6]|[0-6]",
        "[0-20],12,15|[0-12,12-15,15-20]|[0-20]",
        "0,1,2,3,4,5,1,5|[0-1,1-5,5]|[0-5]",
        "[0-20],45,12,15|[0-12,12-15,15-20,45]|[0-20,45]",
        "[0-20],45,12,015|[0-12,12-20,45,015]|[0-20,45,015]",
        "bar1,bar2,foo1,foo,foo|bar[1-2],foo,foo,foo1|bar[1-2],foo,foo1",
        "foo[5-6],foo3,foo4|foo[3-6]|foo[3-6]",
        "foo[5-6],foo[4-7]|foo[4-5,5-6,6-7]|foo[4-7]",
        "foo[0-3],foo[0-3]|foo[0,0-1,1-2,2-3,3]|foo[0-3]",
        "foo[0-2],foo[0-2],foo[0-2]|foo[0,0,0-1,1,1-2,2,2]|foo[0-2]",
        "foo[7,6,5,4,3,2,1]|foo[1-7]|foo[1-7]",
        "foo[1-7,1-7,1-7]|foo[1,1,1-2,2,2-3,3,3-4,4,4-5,5,5-6,6,6-7,7,7]|foo[1-7]",
        "host3,host2,host1,host0|host[0-3]|host[0-3]",
        "host2,host1,host3,host1|host[1,1-3]|host[1-3]",
        "host[1-3],bar,baz|bar,baz,host[1-3]|bar,baz,host[1-3]",
    })
    void sortAndUniq(String in, String sorted, String uniq) throws FormatException {
        Hostlist a = hl(in);
        int n = a.count();
        assertEquals(sorted, a.sort().encode());
        assertEquals(n, a.count());
        assertEquals(a.expand().size(), a.count());
        Hostlist b = hl(in);
        assertEquals(uniq, b.uniq().encode());
        assertEquals(b.expand().size(), b.count());
    }

    @Test
    void sortsAndUniqsLargeOverlapsInLinearPasses() throws FormatException {
        Hostlist h = hl("foo[0-200000],foo[0-200000]");
        h.sort();
        assertEquals(400002, h.count());
        assertTrue(h.encode().startsWith("foo[0,0-1,1-2,2-3,"), h.encode().substring(0, 40));
        assertTrue(h.encode().endsWith(",199999-200000,200000]"));
        assertEquals("foo[0-200000]", h.uniq().encode());
        assertEquals(200001, h.count());
    }

    @Test
    void iterationReproducesTheInput() throws FormatException {
        String[] inputs = {
            "",
            "mcr[774-796,799-814,986,1096-1114,1147-1151]",
            "really-long-hostname-prefix[10101,55,35,2]",
            "[336-359,488-550,553,556,559,561,567,569-571,573-575,578,581]",
            "one,two,three,four,five",
        };
        for (String in : inputs) {
            Hostlist rebuilt = new Hostlist();
            for (String host : hl(in)) {
                rebuilt.append(host);
            }
            assertEquals(in, rebuilt.encode());
        }
    }

    @Test
    void encodesAVeryLongList() throws FormatException {
        Hostlist h = new Hostlist();
        for (int i = 0; i < 8192; i++) {
            h.append("host");
        }
        assertEquals(8192, h.count());
        assertEquals(8192 * 5 - 1, h.encode().length());
    }

    @Test
    void setOperationsAsFluxHostlist() throws FormatException {
        assertEquals("host[2-3]", hl("host[1-3]").intersect(hl("host[2-5]")).encode());
        assertEquals("host3", hl("host[1-3]").intersect(hl("host[2-5]")).intersect(hl("host[3-10]")).encode());
        assertEquals("host[1,4-5]", hl("host[1-3]").xor(hl("host[2-5]")).encode());
        assertEquals("host[1,3,6-10]", hl("host[1-3]").xor(hl("host[2-5]")).xor(hl("host[3-10]")).encode());
        assertEquals("host[1-3]", hl("host[1-3]").union(hl("host2")).encode());
        assertEquals("bar,baz,host[1-3]", hl("host[1-3]").union(hl("bar,baz")).encode());
        assertEquals("host[1,4-10]", hl("host[1-10]").difference(hl("host[2-3]")).encode());
        assertEquals("", hl("host[1,1,1]").difference(hl("host1")).encode());
    }

    @Test
    void equalityIsByHosts() throws FormatException {
        assertEquals(hl("foo[1-3]"), hl("foo1,foo2,foo3"));
        assertEquals(hl("foo[1-3]").hashCode(), hl("foo1,foo2,foo3").hashCode());
        assertFalse(hl("foo[1-3]").equals(hl("foo[3,2,1]")));
        Hostlist split = hl("foo[1-3]");
        split.delete("foo2");
        split.append("foo2");
        assertEquals(hl("foo1,foo3,foo2"), split);
    }

    @Test
    void widthsJoinWhenEquivalent() throws FormatException {
        assertEquals("foo[9-10]", hl("foo9,foo10").encode());
        assertEquals("foo[09-10]", hl("foo09,foo10").encode());
        assertEquals("foo[9,010]", hl("foo9,foo010").encode());
        assertEquals(List.of("foo9", "foo010"), hl("foo9,foo010").expand());
    }
}
