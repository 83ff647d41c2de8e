package org.fluxj.bench;

import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
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

/** Hostlist (RFC 29) decode, encode and expand on a cluster-sized list with gaps. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostlistBench {

    /** Number of hosts; every seventh is left out so the list has many ranges. */
    @Param({"100", "10000"})
    int hosts;

    String text;
    Hostlist list;

    @Setup
    public void setup() throws FormatException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            if (i % 7 != 3) {
                sb.append(sb.length() == 0 ? "" : ",").append(String.format("node%05d", i));
            }
        }
        list = Hostlist.decode(sb.toString());
        text = list.encode();
    }

    @Benchmark
    public Hostlist decode() throws FormatException {
        return Hostlist.decode(text);
    }

    @Benchmark
    public String encode() {
        return list.encode();
    }

    @Benchmark
    public int expand() {
        return list.expand().size();
    }
}
