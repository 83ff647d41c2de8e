package org.fluxj.formats.taskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 34 test vectors and flux-core's libtaskmap tests. */
class TaskMapTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[0,1,1,1]]|0",
        "[[0,2,1,1]]|0;1",
        "[[0,1,2,1]]|0-1",
        "[[0,2,2,1]]|0-1;2-3",
        "[[0,2,1,2]]|0,2;1,3",
        "[[1,1,1,1],[0,1,1,1]]|1;0",
        "[[0,4,4,1]]|0-3;4-7;8-11;12-15",
        "[[0,4,1,4]]|0,4,8,12;1,5,9,13;2,6,10,14;3,7,11,15",
        "[[0,4,2,2]]|0-1,8-9;2-3,10-11;4-5,12-13;6-7,14-15",
        "[[0,4,2,1],[4,2,4,1]]|0-1;2-3;4-5;6-7;8-11;12-15",
        "[[0,6,1,2],[4,2,1,2]]|0,6;1,7;2,8;3,9;4,10,12,14;5,11,13,15",
        "[[5,1,4,1],[4,1,4,1],[3,1,2,1],[2,1,2,1],[1,1,2,1],[0,1,2,1]]|14-15;12-13;10-11;8-9;4-7;0-3",
        "[[0,5,2,1],[6,1,2,1],[5,1,2,1],[7,1,2,1]]|0-1;2-3;4-5;6-7;8-9;12-13;10-11;14-15",
        "[[3,1,4,1],[2,1,4,1],[1,1,4,1],[0,1,4,1]]|12-15;8-11;4-7;0-3",
    })
    void rfc34Vectors(String json, String raw) throws FormatException {
        TaskMap fromJson = TaskMap.parse(json);
        assertEquals(json, fromJson.encode());
        assertEquals(raw, fromJson.encodeRaw());
        TaskMap fromRaw = TaskMap.parse(raw);
        assertEquals(json, fromRaw.encode());
        assertEquals(fromJson, fromRaw);
    }

    @Test
    void emptyArrayIsUnknown() throws FormatException {
        TaskMap m = TaskMap.parse("[]");
        assertTrue(m.isUnknown());
        assertEquals("[]", m.encode());
        assertEquals("", m.encodePmi());
        assertEquals(0, m.nnodes());
        assertEquals(0, m.totalTasks());
        assertEquals(OptionalInt.empty(), m.nodeId(0));
        assertTrue(m.taskIds(0).isEmpty());
    }

    @Test
    void wrappedForm() throws FormatException {
        TaskMap m = TaskMap.parse("{\"version\":1,\"map\":[[0,4096,256,1]]}");
        assertEquals("{\"version\":1,\"map\":[[0,4096,256,1]]}", m.encodeWrapped());
        assertEquals(4096 * 256, m.totalTasks());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|''",
        "[[0,4,4,1]]|(vector,(0,4,4))",
        "[[0,4,2,1],[4,2,4,1]]|(vector,(0,4,2),(4,2,4))",
        "[[0,4,1,4]]|(vector,(0,4,1),(0,4,1),(0,4,1),(0,4,1))",
        "[[0,4096,256,1]]|(vector,(0,4096,256))",
    })
    void pmiEncode(String json, String pmi) throws FormatException {
        assertEquals(pmi, TaskMap.parse(json).encodePmi());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|[]",
        "(vector,(0,1,4))|[[0,1,4,1]]",
        "(vector,(0,2,2))|[[0,2,2,1]]",
        "(vector,(0,16,16))|[[0,16,16,1]]",
        "(vector,(0,8,16),(0,4,32))|[[0,8,16,1],[0,4,32,1]]",
        "(vector,(0,4,2),(1,3,1))|[[0,4,2,1],[1,3,1,1]]",
        "(vector,(0,4,1),(0,4,1),(0,4,1),(0,4,1))|[[0,4,1,4]]",
        "(vector,(0,4,4),(0,4,1))|[[0,4,4,1],[0,4,1,1]]",
        "'    (vector, (0,4,4), (0,4,1), )'|[[0,4,4,1],[0,4,1,1]]",
        "'(vector, (1,1,1), (0,2,2))'|[[1,1,1,1],[0,2,2,1]]",
        "'(vector, (1,1,1), (0,2,2),)'|[[1,1,1,1],[0,2,2,1]]",
        "'(vector, (0,1,1), (1,5,3), (6,2, 5))'|[[0,1,1,1],[1,5,3,1],[6,2,5,1]]",
    })
    void pmiDecode(String pmi, String json) throws FormatException {
        assertEquals(json, TaskMap.parse(pmi).encode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vector, (1,1))|taskmap: unable to parse block: (1,1))",
        "'(vector, (1.11, 2.2))'|taskmap: unable to parse block: (1.11, 2.2))",
        "'(vector, (1,1,0))'|taskmap: invalid number in block: (1,1,0))",
        "'((1,1,1), vector,)'|taskmap: vector prefix must precede blocklist",
    })
    void pmiInvalid(String pmi, String message) {
        FormatException e = assertThrows(FormatException.class, () -> TaskMap.parse(pmi));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "}", "{}", "{\"version\":1}", "{\"version\":1,\"map\":{}}", "{\"version\":2,\"map\":[[1,1,1,1]]}",
        "{\"version\":1,\"map\":[[]]}", "{\"version\":1,\"map\":[[\"1\",\"1\",\"1\"]]}", "[[-1,1,1,1]]",
        "[[0,1,1,1],[-1,1,1,1]]", "[[0,1,1,1],1]", "((1,1,1))", "[[0,1,1,1.5]]", "[[0,0,1,1]]", "[1",
        "\"x\"", "[[0,4294967296,1,1]]", "[[0,65536,65536,1]]",
    })
    void invalidInputFailsWithOneLine(String input) {
        FormatException e = assertThrows(FormatException.class, () -> TaskMap.parse(input));
        assertTrue(e.getMessage().startsWith("taskmap: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void versionMessages() {
        assertEquals("taskmap: expected version=1, got 2",
                assertThrows(FormatException.class, () -> TaskMap.parse("{\"version\":2,\"map\":[[1,1,1,1]]}"))
                        .getMessage());
        assertEquals("taskmap: invalid entry [-1,1,1,1]",
                assertThrows(FormatException.class, () -> TaskMap.parse("[[-1,1,1,1]]")).getMessage());
        assertEquals("taskmap: entry 1 in taskmap is not an array",
                assertThrows(FormatException.class, () -> TaskMap.parse("[[0,1,1,1],1]")).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0-1;1-2|taskmap: duplicate taskid specified: 1",
        "0-3;2-5|taskmap: duplicate taskids specified: 2-3",
        "0;2|taskmap: missing taskid: 1",
        "0;3-4|taskmap: missing taskids: 1-2",
        "1;2|taskmap: missing taskid: 0",
        "0;x|taskmap: invalid id 'x' in 'x'",
        "3,1|taskmap: range '1' is out of order in '3,1'",
    })
    void rawInvalid(String raw, String message) {
        assertEquals(message, assertThrows(FormatException.class, () -> TaskMap.parse(raw)).getMessage());
    }

    @Test
    void lookups() throws FormatException {
        TaskMap m = TaskMap.parse("[[0,8,16,1],[8,4,32,1]]");
        assertEquals(12, m.nnodes());
        assertEquals(256, m.totalTasks());
        assertEquals("0-15", m.taskIds(0).toString());
        assertEquals("224-255", m.taskIds(11).toString());
        assertEquals(32, m.ntasks(10));
        assertEquals(0, m.ntasks(12));
        for (int node = 0; node < m.nnodes(); node++) {
            for (int task : m.taskIds(node)) {
                assertEquals(OptionalInt.of(node), m.nodeId(task));
            }
        }
        assertEquals(OptionalInt.empty(), m.nodeId(256));
        assertEquals(OptionalInt.empty(), m.nodeId(-1));

        TaskMap cyc = TaskMap.parse("[[0,2,1,2]]");
        assertEquals("0,2", cyc.taskIds(0).toString());
        assertEquals("1,3", cyc.taskIds(1).toString());
        assertEquals(OptionalInt.of(1), cyc.nodeId(3));
    }

    @Test
    void largeCyclicTaskIds() throws FormatException {
        TaskMap m = TaskMap.parse("[[0,4096,1,256]]");
        assertEquals(4096, m.nnodes());
        assertEquals(1048576, m.totalTasks());
        assertEquals(256, m.ntasks(1));
        assertTrue(m.taskIds(0).contains(4096));
        assertTrue(m.taskIds(0).contains(1044480));
    }

    @Test
    void appendCompresses() {
        TaskMap.Builder b = TaskMap.builder();
        for (int i = 0; i < 4; i++) {
            b.append(i, 1, 4);
        }
        assertEquals("[[0,4,4,1]]", b.build().encode());
        b.append(4, 1, 8).append(5, 1, 8);
        assertEquals("[[0,4,4,1],[4,2,8,1]]", b.build().encode());
        assertEquals(32, b.build().totalTasks());
        b.append(4, 2, 8);
        assertEquals("[[0,4,4,1],[4,2,8,2]]", b.build().encode());

        TaskMap.Builder c = TaskMap.builder();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                c.append(j, 1, 1);
            }
        }
        assertEquals("[[0,4,1,4]]", c.build().encode());

        TaskMap.Builder one = TaskMap.builder();
        for (int i = 0; i < 4; i++) {
            one.append(0, 1, 1);
        }
        assertEquals("[[0,1,4,1]]", one.build().encode());
        assertThrows(IllegalArgumentException.class, () -> TaskMap.builder().append(0, 0, 0));
    }

    @Test
    void blockAndCyclicMatchTheRfcTable() {
        assertEquals("[[0,4,4,1]]", TaskMap.block(4, 4, 4, 4).encode());
        assertEquals("[[0,4,1,4]]", TaskMap.cyclic(new int[] {4, 4, 4, 4}, 1).encode());
        assertEquals("[[0,4,2,2]]", TaskMap.cyclic(new int[] {4, 4, 4, 4}, 2).encode());
        int[] mixed = {2, 2, 2, 2, 4, 4};
        assertEquals("[[0,4,2,1],[4,2,4,1]]", TaskMap.block(mixed).encode());
        assertEquals("[[0,6,1,2],[4,2,1,2]]", TaskMap.cyclic(mixed, 1).encode());
        assertEquals("[[0,6,2,1],[4,2,2,1]]", TaskMap.cyclic(mixed, 2).encode());
        assertEquals("[[0,1,1,1]]", TaskMap.cyclic(new int[] {1}, 2).encode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[0,4,4,1]]|[[0,4,1,4]]|",
        "[[0,4,4,1]]|[[0,4,2,2]]|",
        "[[0,4,4,1]]|[[0,4,3,1],[0,4,1,1]]|",
        "[[0,4,4,1]]|[[0,2,4,1],[2,1,3,1],[3,1,5,1]]|",
        "[[0,4,4,1]]|[[0,4,3,1]]|taskmap: got 12 total tasks, expected 16",
        "[[0,4,4,1]]|[[0,2,8,1]]|taskmap: got 2 nodes, expected 4",
    })
    void check(String a, String b, String message) throws FormatException {
        TaskMap old = TaskMap.parse(a);
        TaskMap updated = TaskMap.parse(b);
        if (message == null) {
            old.check(updated);
        } else {
            assertEquals(message, assertThrows(FormatException.class, () -> old.check(updated)).getMessage());
        }
    }

    @Test
    void deranged() throws FormatException {
        TaskMap m = TaskMap.parse("[[0,4,4,1]]");
        assertEquals("0,1,2,3;4,5,6,7;8,9,10,11;12,13,14,15", m.encodeRawDeranged());
        assertEquals(m, TaskMap.parse(m.encodeRawDeranged()));
    }
}
