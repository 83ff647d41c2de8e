package org.fluxj.formats.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

class FluidGeneratorTest {

    /** A clock that moves one millisecond every {@code every} reads. */
    private static java.util.function.LongSupplier steppingClock(long every) {
        AtomicLong reads = new AtomicLong();
        return () -> reads.getAndIncrement() / every;
    }

    @Test
    void firstIdCarriesStartTimestampAndGenerator() {
        FluidGenerator g = new FluidGenerator(7, 1000, () -> 0);
        long id = g.generate();
        assertEquals(1000, Fluid.timestamp(id));
        assertEquals(7, Fluid.generator(id));
        assertEquals(0, Fluid.sequence(id));
        assertEquals(1, Fluid.sequence(g.generate()));
    }

    @Test
    void refusesGeneratorIdOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new FluidGenerator(16384, 0));
        assertThrows(IllegalArgumentException.class, () -> new FluidGenerator(-1, 0));
        new FluidGenerator(16383, 0);
    }

    @Test
    void sequenceExhaustionWaitsForNextMillisecond() {
        // clock reads: 0 at construction, then advances one ms every 5000 reads
        FluidGenerator g = new FluidGenerator(0, 0, steppingClock(5000));
        long last = -1;
        int inFirstMs = 0;
        for (int i = 0; i < 1023; i++) {
            long id = g.generate();
            assertTrue(Long.compareUnsigned(id, last) > 0 || last == -1);
            last = id;
            if (Fluid.timestamp(id) == 0) {
                inFirstMs++;
            }
        }
        assertEquals(1023, inFirstMs, "flux-core hands out sequence 0..1022 in one millisecond");
        long next = g.generate();
        assertEquals(1, Fluid.timestamp(next));
        assertEquals(0, Fluid.sequence(next));
    }

    @Test
    void exhaustedSequenceAt34Years() {
        long t34y = 1000L * 60 * 60 * 24 * 365 * 34;
        FluidGenerator g = new FluidGenerator(16383, t34y, steppingClock(3));
        g.setSequence(1023);
        long id = g.generate();
        assertTrue(Fluid.timestamp(id) > t34y);
        assertEquals(16383, Fluid.generator(id));
    }

    @Test
    void clockGoingBackwardsHoldsTimestamp() {
        long[] now = {100};
        FluidGenerator g = new FluidGenerator(1, 0, () -> now[0]);
        now[0] = 110;
        long a = g.generate();
        now[0] = 105;
        long b = g.generate();
        assertEquals(10, Fluid.timestamp(a));
        assertEquals(10, Fluid.timestamp(b));
        assertTrue(b > a);
        now[0] = 111;
        assertEquals(11, Fluid.timestamp(g.generate()));
        assertEquals(11, g.saveTimestamp());
    }

    @Test
    void timestampOutOfRangeFails() {
        long[] now = {0};
        FluidGenerator g = new FluidGenerator(1, Fluid.MAX_TIMESTAMP - 1, () -> now[0]);
        g.generate();
        now[0] = 1;
        assertThrows(IllegalStateException.class, g::generate);
        now[0] = 0;
        FluidGenerator h = new FluidGenerator(1, 100, () -> now[0]);
        now[0] = -1;
        assertEquals(100, Fluid.timestamp(h.generate())); // held timestamp
        now[0] = -200; // before the generator's epoch: flux-core's unsigned sum wraps

        assertThrows(IllegalStateException.class, h::generate);
    }

    @Test
    void restartedGeneratorNeverGoesBackwards() {
        long last = 0;
        long ts = 0;
        for (int i = 0; i < 10000; i++) {
            FluidGenerator g = new FluidGenerator(0, ts + 1);
            long id = g.generate();
            assertTrue(id > last);
            last = id;
            ts = Fluid.timestamp(id);
        }
    }

    @Test
    void manyIdsRoundTripDothexAndWords() throws FormatException {
        FluidGenerator g = new FluidGenerator(0, 1000L * 60 * 60 * 24 * 365 * 34);
        for (int i = 0; i < 20000; i++) {
            long id = g.generate();
            assertEquals(id, Fluid.decode(Fluid.encode(id, FluidEncoding.DOTHEX), FluidEncoding.DOTHEX));
            if (i % 4 == 0) {
                assertEquals(id, Fluid.decode(Fluid.encode(id, FluidEncoding.WORDS), FluidEncoding.WORDS));
                assertEquals(id, Fluid.decode(Fluid.encode(id, FluidEncoding.EMOJI), FluidEncoding.EMOJI));
            }
        }
    }

    @Property(tries = 20)
    void concurrentIdsAreUniqueAndIncreasingPerThread(@ForAll @IntRange(min = 2, max = 8) int threads,
            @ForAll @IntRange(min = 100, max = 5000) int perThread) throws InterruptedException {
        FluidGenerator g = new FluidGenerator(3, 0);
        List<long[]> results = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            long[] ids = new long[perThread];
            results.add(ids);
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    ids[i] = g.generate();
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        Set<Long> all = new HashSet<>();
        for (long[] ids : results) {
            for (int i = 0; i < ids.length; i++) {
                assertTrue(all.add(ids[i]), "duplicate id");
                assertEquals(3, Fluid.generator(ids[i]));
                if (i > 0) {
                    assertTrue(ids[i] > ids[i - 1], "per-thread ids increase");
                }
            }
        }
        assertEquals(threads * perThread, all.size());
    }

    @Test
    void independentGeneratorsNeverCollide() {
        FluidGenerator a = new FluidGenerator(1, 0, () -> 0);
        FluidGenerator b = new FluidGenerator(2, 0, () -> 0);
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(all.add(a.generate()));
            assertTrue(all.add(b.generate()));
        }
    }
}
