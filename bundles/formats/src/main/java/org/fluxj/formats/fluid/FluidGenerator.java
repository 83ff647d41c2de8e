package org.fluxj.formats.fluid;

import java.util.function.LongSupplier;

/**
 * A FLUID generator, as flux-core's fluid_init/fluid_generate: ids carry the generator id, a
 * millisecond timestamp that starts at a given value and advances with a monotonic clock, and
 * a per-millisecond sequence number. Ids from one generator strictly increase. When a
 * millisecond's sequence numbers run out (flux-core hands out 1023 per millisecond) or the
 * clock reads earlier than before, the timestamp is held and, once the sequence is exhausted,
 * generation spins until the clock passes it. Thread-safe.
 */
public final class FluidGenerator {
    private static final int SEQUENCE_LIMIT = 1 << Fluid.SEQUENCE_BITS;

    private final int id;
    private final LongSupplier clock;
    private final long clockZero;
    private final long clockOffset;
    private long timestamp;
    private int sequence;

    /**
     * A generator with id {@code generatorId} whose timestamps start at {@code timestamp}
     * milliseconds, advancing with {@link System#nanoTime()}.
     *
     * @throws IllegalArgumentException if the id is outside [0, 16384)
     */
    public FluidGenerator(int generatorId, long timestamp) {
        this(generatorId, timestamp, () -> System.nanoTime() / 1_000_000L);
    }

    /**
     * As {@link #FluidGenerator(int, long)} with a given monotonic millisecond clock.
     *
     * @throws IllegalArgumentException if the id is outside [0, 16384)
     */
    public FluidGenerator(int generatorId, long timestamp, LongSupplier clockMillis) {
        if (generatorId < 0 || generatorId >= Fluid.MAX_GENERATORS) {
            throw new IllegalArgumentException("FLUID: generator id " + generatorId + " out of range");
        }
        this.id = generatorId;
        this.clock = clockMillis;
        this.clockZero = clockMillis.getAsLong();
        this.clockOffset = timestamp;
        this.timestamp = timestamp;
        this.sequence = 0;
    }

    public int generatorId() {
        return id;
    }

    private void updateTimestamp() {
        long now = clock.getAsLong() - clockZero + clockOffset;
        if (Long.compareUnsigned(now, Fluid.MAX_TIMESTAMP) >= 0) {
            throw new IllegalStateException("FLUID: timestamp " + Long.toUnsignedString(now)
                    + " past the 40-bit range");
        }
        if (Long.compareUnsigned(now, timestamp) > 0) {
            sequence = 0;
            timestamp = now;
        }
    }

    /**
     * The next id.
     *
     * @throws IllegalStateException if the timestamp has left its 40-bit range
     */
    public synchronized long generate() {
        do {
            updateTimestamp();
            if (sequence + 1 >= SEQUENCE_LIMIT) {
                Thread.onSpinWait();
            }
        } while (sequence + 1 >= SEQUENCE_LIMIT);
        long fluid = Fluid.of(timestamp, id, sequence);
        sequence++;
        return fluid;
    }

    /**
     * Brings the timestamp up to date and returns it, so that a later generator started from
     * it (plus one) continues the sequence of ids (fluid_save_timestamp).
     *
     * @throws IllegalStateException if the timestamp has left its 40-bit range
     */
    public synchronized long saveTimestamp() {
        updateTimestamp();
        return timestamp;
    }

    /** Sets the sequence number for the current millisecond; for tests of exhaustion. */
    synchronized void setSequence(int seq) {
        this.sequence = seq;
    }
}
