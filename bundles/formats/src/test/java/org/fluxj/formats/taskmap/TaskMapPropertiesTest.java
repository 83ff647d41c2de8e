package org.fluxj.formats.taskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;

/** Task map encodings round trip; any text parses or fails with FormatException. */
class TaskMapPropertiesTest {

    @Provide
    Arbitrary<TaskMap> maps() {
        Arbitrary<int[]> step = Arbitraries.integers().between(0, 9).array(int[].class).ofSize(3);
        return step.list().ofMinSize(1).ofMaxSize(12).map(steps -> {
            TaskMap.Builder b = TaskMap.builder();
            for (int[] s : steps) {
                b.append(s[0], s[1] % 4 + 1, s[2] % 5 + 1);
            }
            return b.build();
        });
    }

    @Property
    void jsonRoundTrip(@ForAll("maps") TaskMap m) throws FormatException {
        assertEquals(m, TaskMap.parse(m.encode()));
        assertEquals(m, TaskMap.parse(m.encodeWrapped()));
        assertEquals(m.encode(), TaskMap.parse(m.encode()).encode());
    }

    @Property
    void pmiRoundTrip(@ForAll("maps") TaskMap m) throws FormatException {
        TaskMap p = TaskMap.parse(m.encodePmi());
        assertEquals(m.taskIds(0), p.taskIds(0));
        assertEquals(m.totalTasks(), p.totalTasks());
    }

    @Property
    void rawRoundTripPreservesEveryTask(@ForAll("maps") TaskMap m) throws FormatException {
        boolean dense = true;
        for (int i = 0; i < m.nnodes(); i++) {
            dense &= m.ntasks(i) > 0;
        }
        if (!dense) {
            return;
        }
        TaskMap raw = TaskMap.parse(m.encodeRaw());
        assertEquals(m.encodeRaw(), raw.encodeRaw());
        assertEquals(m.totalTasks(), raw.totalTasks());
        for (int t = 0; t < m.totalTasks(); t++) {
            assertEquals(m.nodeId(t), raw.nodeId(t));
        }
    }

    @Property
    void cyclicKeepsEachNodesCount(@ForAll("ppn") int[] ppn, @ForAll("stride") int stride) {
        TaskMap c = TaskMap.cyclic(ppn, stride);
        TaskMap b = TaskMap.block(ppn);
        for (int i = 0; i < ppn.length; i++) {
            assertEquals(ppn[i], c.ntasks(i));
        }
        try {
            b.check(c);
        } catch (FormatException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Provide
    Arbitrary<int[]> ppn() {
        return Arbitraries.integers().between(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> stride() {
        return Arbitraries.integers().between(1, 4);
    }

    @Property
    void anyTextParsesOrThrowsFormatException(@ForAll("junk") String s) {
        try {
            TaskMap.parse(s);
        } catch (FormatException e) {
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("[]{}(),;-0123456789 vector\":").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(20));
    }
}
