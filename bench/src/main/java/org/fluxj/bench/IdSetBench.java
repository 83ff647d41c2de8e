package org.fluxj.bench;

import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Idset (RFC 22) decode, encode and set algebra on rank sets with many gaps. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdSetBench {

    /** Largest id; every fifth id is left out. */
    @Param({"1000", "100000"})
    int size;

    String text;
    IdSet ids;
    IdSet odd;

    @Setup
    public void setup() throws FormatException {
        ids = new IdSet();
        odd = new IdSet();
        for (int i = 0; i < size; i++) {
            if (i % 5 != 2) {
                ids.set(i);
            }
            if (i % 2 == 1) {
                odd.set(i);
            }
        }
        text = ids.encode(IdSet.Flag.RANGE);
    }

    @Benchmark
    public IdSet decode() throws FormatException {
        return IdSet.decode(text);
    }

    @Benchmark
    public String encode() {
        return ids.encode(IdSet.Flag.RANGE);
    }

    @Benchmark
    public IdSet intersect() {
        return ids.intersect(odd);
    }
}
