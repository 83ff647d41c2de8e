package org.fluxj.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.jobspec.Jobspec;
import org.fluxj.formats.jobspec.JobspecBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Jobspec (RFC 14/25): parse and validate JSON and YAML, and build from submission options. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JobspecBench {

    String json;
    String yaml;

    @Setup
    public void setup() throws FormatException {
        json = build().toJson();
        yaml = String.join("\n",
                "version: 1",
                "resources:",
                "  - type: node",
                "    count: 2",
                "    with:",
                "      - type: slot",
                "        count: 2",
                "        label: task",
                "        with:",
                "          - type: core",
                "            count: 2",
                "tasks:",
                "  - command: [\"hostname\"]",
                "    slot: task",
                "    count:",
                "      per_slot: 1",
                "attributes:",
                "  system:",
                "    duration: 3600",
                "");
    }

    private static Jobspec build() throws FormatException {
        return new JobspecBuilder()
                .command(List.of("hostname"))
                .nodes("2")
                .ntasks("4")
                .coresPerTask("2")
                .timeLimit("1h")
                .build();
    }

    @Benchmark
    public Jobspec parseJson() throws FormatException {
        return Jobspec.parse(json);
    }

    @Benchmark
    public Jobspec parseYaml() throws FormatException {
        return Jobspec.parse(yaml);
    }

    @Benchmark
    public Jobspec buildFromOptions() throws FormatException {
        return build();
    }
}
