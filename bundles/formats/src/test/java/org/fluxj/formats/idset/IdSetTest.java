package org.fluxj.formats.idset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from RFC 22 and flux-core's libidset/test/idset.c. */
class IdSetTest {

    private static IdSet ids(String s) throws FormatException {
        return IdSet.decode(s);
    }

    private static Flag[] flags(String f) {
        List<Flag> l = new ArrayList<>();
        if (f.contains("R")) {
            l.add(Flag.RANGE);
        }
        if (f.contains("B")) {
            l.add(Flag.BRACKETS);
        }
        return l.toArray(new Flag[0]);
    }

    /** flux-core test_inputs: input, flags (R=range, B=brackets, -=none), output. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2|-|2",
        "7-9|-|7,8,9",
        "1,7-9|-|1,7,8,9",
        "1,7-9,16|-|1,7,8,9,16",
        "1,7-9,14,16|-|1,7,8,9,14,16",
        "1-3,7-9,14,16|-|1,2,3,7,8,9,14,16",
        "2,3,4,5|-|2,3,4,5",
        "''|-|''",
        "1048576|-|1048576",
        "[2]|-|2",
        "[7-9]|-|7,8,9",
        "[2,3,4,5]|-|2,3,4,5",
        "[0]|-|0",
        "[]|-|''",
        "2|R|2",
        "7-9|R|7-9",
        "1,7-9|R|1,7-9",
        "1,7-9,16|R|1,7-9,16",
        "1,7-9,14,16|R|1,7-9,14,16",
        "1-3,7-9,14,16|R|1-3,7-9,14,16",
        "2,3,4,5|R|2-5",
        "''|R|''",
        "2|RB|2",
        "7-9|RB|[7-9]",
        "1,7-9|RB|[1,7-9]",
        "1,7-9,16|RB|[1,7-9,16]",
        "1,7-9,14,16|RB|[1,7-9,14,16]",
        "1-3,7-9,14,16|RB|[1-3,7-9,14,16]",
        "2,3,4,5|RB|[2-5]",
        "''|RB|''",
        "7-9|B|[7,8,9]",
        "0-3,5|RB|[0-3,5]",
        "0-3,5|R|0-3,5",
        "1,,2|R|1-2",
        ",1,|R|1",
    })
    void codec(String in, String f, String out) throws FormatException {
        assertEquals(out, ids(in).encode(flags(f)));
    }

    /** flux-core's expected failures, and more. */
    @ParameterizedTest
    @ValueSource(strings = {"4.2", "x", "1-2x", "01,2", "00", "3,2", "3-0", "2,2,2,2", "[0", "0]", "[[0]]", "[[0,2]",
        "[0,2]]", "0,[2", "0]2", "0-", "[0-]", "-5", "[-5]", "3-3", "1,x", " 1", "1 ", "+1", "1-2-3", "0x10",
        "2147483648", "0-2147483648", "99999999999999999999999", "[", "]", "1,0-2", "-", ","  + "-"})
    void rejectsMalformed(String bad) {
        FormatException e = assertThrows(FormatException.class, () -> IdSet.decode(bad));
        assertTrue(e.getMessage().startsWith("idset: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void messages() {
        assertEquals("idset: invalid id 'x' in '1,x'",
                assertThrows(FormatException.class, () -> ids("1,x")).getMessage());
        assertEquals("idset: invalid range '3-0' in '3-0'",
                assertThrows(FormatException.class, () -> ids("3-0")).getMessage());
        assertEquals("idset: range '2' is out of order in '3,2'",
                assertThrows(FormatException.class, () -> ids("3,2")).getMessage());
        assertEquals("idset: mismatched or nested brackets in '[0'",
                assertThrows(FormatException.class, () -> ids("[0")).getMessage());
        assertTrue(assertThrows(FormatException.class, () -> ids("2147483648")).getMessage().contains("maximum"));
        assertThrows(FormatException.class, () -> ids(null));
    }

    @Test
    void hugeRangesAreCheap() throws FormatException {
        IdSet all = ids("0-2147483647");
        assertEquals(1L << 31, all.count());
        assertEquals("0-2147483647", all.encode(Flag.RANGE));
        assertEquals(IdSet.MAX_ID, all.last());
        assertTrue(all.contains(IdSet.MAX_ID));
        assertEquals(IdSet.INVALID_ID, all.next(IdSet.MAX_ID));
        assertThrows(IllegalStateException.class, () -> all.encode());
        all.clear(1000);
        assertEquals("0-999,1001-2147483647", all.toString());
    }

    @Test
    void largeEncodeWithoutRanges() throws FormatException {
        String s = ids("0-5000").encode();
        String[] parts = s.split(",");
        assertEquals(5001, parts.length);
        for (int i = 0; i < parts.length; i++) {
            assertEquals(Integer.toString(i), parts[i]);
        }
    }

    @Test
    void iteration() throws FormatException {
        IdSet s = ids("7-9");
        IdSet nil = new IdSet();
        assertFalse(s.isEmpty());
        assertTrue(nil.isEmpty());
        assertEquals(7, s.first());
        assertEquals(8, s.next(7));
        assertEquals(9, s.next(8));
        assertEquals(IdSet.INVALID_ID, s.next(9));
        assertEquals(IdSet.INVALID_ID, s.next(10));
        assertEquals(IdSet.INVALID_ID, s.next(4096));
        assertEquals(9, s.last());
        assertEquals(8, s.prev(9));
        assertEquals(7, s.prev(8));
        assertEquals(IdSet.INVALID_ID, s.prev(7));
        assertEquals(9, s.prev(100));
        assertEquals(IdSet.INVALID_ID, nil.first());
        assertEquals(IdSet.INVALID_ID, nil.last());
        assertEquals(IdSet.INVALID_ID, nil.next(0));
        assertEquals(List.of(7, 8, 9), s.stream().boxed().toList());
        List<Integer> seen = new ArrayList<>();
        s.forEach(seen::add);
        assertEquals(List.of(7, 8, 9), seen);
    }

    @Test
    void setAndClear() throws FormatException {
        IdSet s = new IdSet();
        s.set(0);
        assertEquals(1, s.count());
        s.set(0);
        assertEquals(1, s.count());
        s.set(3);
        s.set(99);
        assertEquals(List.of(0, 3, 99), s.stream().boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> s.set(-1));

        IdSet r = new IdSet();
        r.setRange(0, 2);
        assertEquals(3, r.count());
        r.setRange(0, 2);
        assertEquals(3, r.count());
        r.setRange(80, 79);
        assertEquals(5, r.count());
        assertEquals("0-2,79-80", r.toString());

        IdSet c = ids("1-10");
        for (int id = 1; id < 8; id++) {
            assertTrue(c.contains(id));
            c.clear(id);
            assertFalse(c.contains(id));
        }
        assertEquals(3, c.count());
        c.clear(100);
        assertEquals(3, c.count());
        assertEquals("8-10", c.toString());

        IdSet rc = ids("1-10");
        rc.clearRange(2, 5);
        assertEquals(6, rc.count());
        rc.clearRange(2, 5);
        assertEquals(6, rc.count());
        rc.clearRange(9, 6);
        assertEquals("1,10", rc.toString());
        assertEquals(2, rc.count());
        assertFalse(rc.contains(-1));
    }

    @Test
    void equalityAndCopy() throws FormatException {
        IdSet a = ids("1-10");
        IdSet b = IdSet.range(0, 9);
        assertFalse(a.equals(b));
        b.set(10);
        b.clear(0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.clearRange(1, 10);
        b.subtract(b.copy());
        assertEquals(0, a.count());
        assertEquals(a, b);

        IdSet big = ids("1-5000");
        IdSet cpy = big.copy();
        assertEquals(big, cpy);
        cpy.clear(100);
        assertEquals(4999, cpy.count());
        assertEquals(5000, big.count());
    }

    /** flux-core test_ops: a op b = result (all with brackets and ranges). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[0]|union|[0]|[0]",
        "[0]|union|[1]|[0-1]",
        "[0]|difference|[0]|[]",
        "[0-1]|difference|[0]|[1]",
        "[0-1]|intersect|[2-3]|[]",
        "[0-1]|intersect|[1-2]|[1]",
        "[0-1]|intersect|[0-1]|[0-1]",
        "[0]|add|[0]|[0]",
        "[0]|add|[1]|[0,1]",
        "[0,1]|subtract|[1]|[0]",
        "[0,1]|subtract|[2]|[0,1]",
        "[0-3,5]|union|[4]|[0-5]",
        "[0-100]|difference|[3,50-60,99]|[0-2,4-49,61-98,100]",
        "[0-10,20-30]|intersect|[5-25]|[5-10,20-25]",
    })
    void operations(String a, String op, String b, String expected) throws FormatException {
        IdSet x = ids(a);
        IdSet y = ids(b);
        IdSet want = ids(expected);
        IdSet got = switch (op) {
            case "union" -> x.union(y);
            case "difference" -> x.difference(y);
            case "intersect" -> x.intersect(y);
            case "add" -> {
                x.add(y);
                yield x;
            }
            default -> {
                x.subtract(y);
                yield x;
            }
        };
        assertEquals(want, got);
        assertEquals(want.count(), got.count());
        assertEquals(!ids(a).intersect(y).isEmpty(), ids(a).hasIntersection(y));
    }

    @Test
    void ofAndEmpty() throws FormatException {
        assertEquals("1,3,5", IdSet.of(5, 3, 1, 3).encode());
        assertEquals(ids("[]"), ids(""));
        assertEquals("", new IdSet().encode(Flag.RANGE, Flag.BRACKETS));
        assertEquals("0", IdSet.of(0).encode(Flag.BRACKETS));
        IdSet x = ids("1-4");
        x.add(ids("5-8"));
        assertEquals(8, x.count());
        x.add(ids("1,5"));
        assertEquals(8, x.count());
        x.subtract(ids("1,5"));
        assertEquals(6, x.count());
        x.subtract(ids("0-100"));
        assertEquals(0, x.count());
    }
}
