package org.fluxj.formats.jobspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jobspec flux-core's {@code flux submit --dry-run} prints for the same options, worked
 * out from Jobspec.py ({@code from_command}, {@code per_resource}, {@code _set_extra_options},
 * {@code apply_options}) and cli/base.py ({@code init_jobspec}), for a submitter whose
 * environment is {@code HOME=/home/u PATH=/bin}, working directory {@code /w}, and limits below.
 */
class JobspecBuilderTest {
    static final String ENV = "\"environment\": {\"HOME\": \"/home/u\", \"PATH\": \"/bin\"}, \"cwd\": \"/w\"";
    static final String RL = "\"rlimit\": {\"cpu\": -1, \"fsize\": -1, \"data\": -1, \"stack\": 8388608, \"core\": 0, "
            + "\"nofile\": 1024, \"as\": -1, \"rss\": -1, \"nproc\": 4096}";
    static final String TASK = "\"tasks\": [{\"command\": [\"hostname\"], \"slot\": \"task\", \"count\": {\"per_slot\": 1}}]";
    static final String SLOT1 = "\"resources\": [{\"type\": \"slot\", \"count\": 1, \"with\": [{\"type\": \"core\", "
            + "\"count\": 1}], \"label\": \"task\"}]";

    static JobspecBuilder builder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/home/u");
        env.put("PATH", "/bin");
        Map<String, Long> limits = new LinkedHashMap<>();
        long[] values = {-1, -1, -1, 8388608, 0, 1024, 1024, -1, -1, 4096, 65536, 819200, 0, 0, -1, 1000};
        for (int i = 0; i < values.length; i++) {
            limits.put(Rlimits.NAMES.get(i), values[i]);
        }
        return new JobspecBuilder().command(List.of("hostname")).environment(env).limits(limits)
                .workingDirectory("/w").now(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);
    }

    static String dry(UnaryOperator<JobspecBuilder> options) throws FormatException {
        return options.apply(builder()).build().dumps();
    }

    static String system(String system) {
        return "\"attributes\": {\"system\": {" + system + "}}, \"version\": 1}";
    }

    @Test
    void plainCommand() throws FormatException {
        assertEquals("{" + SLOT1 + ", " + TASK + ", " + system("\"duration\": 0, " + ENV + ", \"shell\": {\"options\": {"
                + RL + "}}"), dry(b -> b));
    }

    @Test
    void nodesTasksCoresTimeLimit() throws FormatException {
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"with\": [{\"type\": \"slot\", \"count\": 2, "
                + "\"with\": [{\"type\": \"core\", \"count\": 2}], \"label\": \"task\"}]}], " + TASK + ", "
                + system("\"duration\": 3600.0, " + ENV + ", \"shell\": {\"options\": {" + RL + "}}"),
                dry(b -> b.nodes("2").ntasks("4").coresPerTask("2").timeLimit("1h")));
    }

    @Test
    void unevenTasksOverNodesCountTotal() throws FormatException {
        String js = dry(b -> b.nodes("2").ntasks("3"));
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"with\": [{\"type\": \"slot\", \"count\": 2, "
                + "\"with\": [{\"type\": \"core\", \"count\": 1}], \"label\": \"task\"}]}], \"tasks\": [{\"command\": "
                + "[\"hostname\"], \"slot\": \"task\", \"count\": {\"total\": 3}}], ", js.substring(0, js.indexOf("\"attributes\"")));
    }

    @Test
    void nodesAloneAreExclusiveWithOneTaskEach() throws FormatException {
        String js = dry(b -> b.nodes("2"));
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"exclusive\": true, \"with\": [{\"type\": \"slot\", "
                + "\"count\": 1, \"with\": [{\"type\": \"core\", \"count\": 1}], \"label\": \"task\"}]}], " + TASK + ", ",
                js.substring(0, js.indexOf("\"attributes\"")));
    }

    @Test
    void gpusPerTaskAddAGpuVertexAndZeroTasksMeansOne() throws FormatException {
        String js = dry(b -> b.ntasks("0").coresPerTask("0").gpusPerTask("1"));
        assertEquals("{\"resources\": [{\"type\": \"slot\", \"count\": 1, \"with\": [{\"type\": \"core\", \"count\": 1}, "
                + "{\"type\": \"gpu\", \"count\": 1}], \"label\": \"task\"}], ", js.substring(0, js.indexOf("\"tasks\"")));
        assertEquals(dry(b -> b), dry(b -> b.gpusPerTask("0")));
    }

    @Test
    void tasksPerNodeIsPerResource() throws FormatException {
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"exclusive\": true, \"with\": [{\"type\": \"slot\", "
                + "\"count\": 1, \"with\": [{\"type\": \"core\", \"count\": 1}], \"label\": \"task\"}]}], " + TASK + ", "
                + system("\"duration\": 0, \"shell\": {\"options\": {\"per-resource\": {\"type\": \"node\", \"count\": 2}, "
                + RL + "}}, " + ENV), dry(b -> b.nodes("2").tasksPerNode("2")));
    }

    @Test
    void coresAndGpusPerNode() throws FormatException {
        String js = dry(b -> b.nodes("2").cores("4").gpusPerNode("1"));
        assertEquals("{\"resources\": [{\"type\": \"node\", \"count\": 2, \"with\": [{\"type\": \"slot\", \"count\": 1, "
                + "\"with\": [{\"type\": \"core\", \"count\": 2}, {\"type\": \"gpu\", \"count\": 1}], \"label\": \"task\"}]}], ",
                js.substring(0, js.indexOf("\"tasks\"")));
        String cores = dry(b -> b.cores("4").tasksPerCore("1"));
        assertEquals("{\"resources\": [{\"type\": \"slot\", \"count\": 4, \"with\": [{\"type\": \"core\", \"count\": 1}], "
                + "\"label\": \"task\"}], " + TASK + ", " + system("\"duration\": 0, \"shell\": {\"options\": {\"per-resource\": "
                + "{\"type\": \"core\", \"count\": 1}, " + RL + "}}, " + ENV), cores);
    }

    @Test
    void inputOutputNameQueueBank() throws FormatException {
        assertEquals("{" + SLOT1 + ", " + TASK + ", " + system("\"duration\": 0, " + ENV + ", \"job\": {\"name\": \"j\"}, "
                + "\"shell\": {\"options\": {\"input\": {\"stdin\": {\"type\": \"file\", \"path\": \"in.txt\"}, "
                + "\"batch-timeout\": 0.0}, \"output\": {\"stdout\": {\"type\": \"file\", \"path\": \"out.txt\", \"label\": true, "
                + "\"buffer\": {\"type\": \"none\"}}, \"stderr\": {\"type\": \"file\", \"path\": \"err.txt\", \"label\": true, "
                + "\"buffer\": {\"type\": \"none\"}}, \"batch-timeout\": 0.05}, " + RL + "}}, \"queue\": \"q\", \"bank\": \"b\""),
                dry(b -> b.output("out.txt").error("err.txt").labelIo(true).unbuffered(true).input("in.txt")
                        .jobName("j").queue("q").bank("b")));
    }

    @Test
    void inputIdsetAndOutputKvsChangeNothing() throws FormatException {
        assertEquals(dry(b -> b), dry(b -> b.input("0-3").output("kvs").error("none").labelIo(true)));
        assertEquals(dry(b -> b.cwd("/w")), dry(b -> b));
    }

    @Test
    void environmentRulesApplyInOrder() throws FormatException {
        assertEquals("{" + SLOT1 + ", " + TASK + ", " + system("\"duration\": 0, \"environment\": {\"HOME\": \"/home/u\", "
                + "\"X\": \"/home/u/x$\", \"Z\": \"/bin\"}, \"cwd\": \"/w\", \"shell\": {\"options\": {\"env-expand\": "
                + "{\"Y\": \"{{rank}}\"}, " + RL + "}}"),
                dry(b -> b.env("-*").env("HOME").env("X=$HOME/x$$").env("Y={{rank}}").env("Z=${PATH}")));
        String removed = dry(b -> b.envRemove("P*"));
        assertEquals(true, removed.contains("\"environment\": {\"HOME\": \"/home/u\"}, "), removed);
        String regex = dry(b -> b.envRemove("/^H/"));
        assertEquals(true, regex.contains("\"environment\": {\"PATH\": \"/bin\"}, "), regex);
    }

    @Test
    void envFileRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("env");
        Files.writeString(file, "-*\n  A=1  \nB=$A$A\n");
        String js = dry(b -> b.envFile(file.toString()));
        assertEquals(true, js.contains("\"environment\": {\"A\": \"1\", \"B\": \"11\"}, "), js);
        FormatException e = assertThrows(FormatException.class, () -> dry(b -> b.envFile(dir.resolve("none").toString())));
        assertEquals("--env: [Errno 2] No such file or directory: '" + dir.resolve("none") + "'", e.getMessage());
    }

    @Test
    void dependenciesAreRfc26Entries() throws FormatException {
        JobspecBuilder b = builder().dependency("afterok:123?foo=1&bar=x&bar=2.5").dependency("after:f4Xz")
                .beginTime("+1h").dependency("singleton");
        String js = b.build().dumps();
        assertEquals(true, js.contains("\"dependencies\": [{\"scheme\": \"afterok\", \"value\": \"123\", \"foo\": 1, "
                + "\"bar\": [\"x\", 2.5]}, {\"scheme\": \"after\", \"value\": \"f4Xz\"}, {\"scheme\": \"begin-time\", "
                + "\"value\": \"1700003600.0\"}, {\"scheme\": \"singleton\", \"value\": \"\"}]}"), js);
        assertEquals(List.of("dependency scheme 'after' is deprecated, use 'afterstart'"), b.warnings());
        String at = dry(x -> x.beginTime("2023-11-14T23:00"));
        assertEquals(true, at.contains("{\"scheme\": \"begin-time\", \"value\": \"1700002800.0\"}"), at);
    }

    @Test
    void setoptAndSetattr() throws FormatException {
        assertEquals("{" + SLOT1 + ", " + TASK + ", \"attributes\": {\"system\": {\"duration\": 0, " + ENV + ", "
                + "\"shell\": {\"options\": {" + RL + ", \"verbose\": 1, \"foo\": {\"bar\": [1, 2]}, \"s\": \"hello\", "
                + "\"n\": null}}, \"x\": 1.5, \"a\": {\"b\": {\"c\": true}}}, \"user\": {\"y\": \"q\", \"z\": 1}}, \"version\": 1}",
                dry(b -> b.setopt("verbose").setopt("foo.bar=[1,2]").setopt("s=hello").setopt("n=null").setattr("x=1.5")
                        .setattr("user.y=\"q\"").setattr(".user.z").setattr("system.a.b={\"c\": true}")));
        FormatException e = assertThrows(FormatException.class, () -> dry(b -> b.setopt("a=1").setopt("a.b=2")));
        assertEquals("failed to set attributes.system.shell.options.a.b to 2: 'int' object does not support item assignment",
                e.getMessage());
    }

    @Test
    void setattrFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v.json");
        Files.writeString(file, "{\"k\": [true]}");
        String js = dry(b -> b.setattr("^user.v=" + file));
        assertEquals(true, js.contains("\"user\": {\"v\": {\"k\": [true]}}"), js);
    }

    @Test
    void signalTaskmapRlimitDebug() throws FormatException {
        String js = dry(b -> b.signal("USR2@30s").taskmap("cyclic:2").rlimit("-*,core").rlimit("nofile=unlimited")
                .debugEmulate(true));
        assertEquals(true, js.contains("\"shell\": {\"options\": {\"rlimit\": {\"core\": 0, \"nofile\": -1}, \"signal\": "
                + "{\"signum\": 12, \"timeleft\": 30.0}, \"taskmap\": {\"scheme\": \"cyclic\", \"value\": \"2\"}, "
                + "\"stop-tasks-in-exec\": 1}}"), js);
        String defaults = dry(b -> b.signal("@").taskmap("block").rlimit("-*"));
        assertEquals(true, defaults.contains("\"shell\": {\"options\": {\"signal\": {\"signum\": 10, \"timeleft\": 60}, "
                + "\"taskmap\": {\"scheme\": \"block\", \"value\": \"\"}}}"), defaults);
    }

    @ParameterizedTest
    @CsvSource({"2,120.0", "1.5h,5400.0", "0,0.0", "90s,90.0", "0.5m,30.0", "100ms,0.1", "1d,86400.0"})
    void timeLimitIsMinutesOrFsd(String limit, String seconds) throws FormatException {
        String js = dry(b -> b.timeLimit(limit));
        assertEquals(true, js.contains("{\"duration\": " + seconds + ", "), js);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-n x | --ntasks: invalid int value 'x'",
        "-N 3 -n 2 | node count must not be greater than task count",
        "-x -n 2 | exclusive can only be set with a node count",
        "-N 0 | node count must be an integer >= 1 (if set)",
        "-n -1 | task count must be a integer >= 1",
        "-c -1 | cores per task must be an integer >= 1",
        "-g -1 | gpus per task must be an integer >= 0",
        "--tasks-per-node 1 --tasks-per-core 1 | Do not specify both the number of tasks per node and per core",
        "--tasks-per-node 0 | --tasks-per-node must be >= 1",
        "--tasks-per-core -2 | --tasks-per-core must be >= 1",
        "--gpus-per-node 1 | --gpus-per-node requires --nodes",
        "--cores 4 -n 2 | Per-resource options can't be used with per-task options. (See --help for details)",
        "--cores 3 -N 2 | number of cores must be evenly divisible by node count",
        "--cores 1 -N 2 | number of cores cannot be less than nnodes",
        "--cores 0 | ncores must be an integer >= 1",
        "--gpus-per-node 0 | gpus_per_node must be specified with nnodes",
        "--tasks-per-core 1 | must specify node or core count with per_resource",
        "-t foo | invalid Flux standard duration",
        "-t -5m | invalid Flux standard duration",
        "-t -1 | duration must not be negative",
        "-t inf | duration must be a normal, finite value",
        "-t nan | duration must be a normal, finite value",
        "--dependency 1foo:bar | Invalid dependency URI \"1foo:bar\"",
        "--taskmap :x | Invalid taskmap URI \":x\"",
        "--env X=$NOPE | --env: Variable 'NOPE' not found in X=$NOPE",
        "--env X=$ | --env: Unable to substitute X=$",
        "--signal FOO | --signal=FOO: signal 'FOO' is invalid",
        "--signal 0 | --signal=0: signal must be > 0",
        "--signal TERM@x | --signal=TERM@x: invalid Flux standard duration",
        "--rlimit foo=1 | Invalid rlimit \"foo\"",
        "--rlimit core=x | Invalid value in core=x",
        "--rlimit bogus | No corresponding rlimit matching \"bogus\"",
        "--begin-time tomorrow | Invalid datetime: \"tomorrow\"",
    })
    void badOptionsFailWithFluxCoresMessage(String args, String message) {
        String[] a = args.strip().split(" ");
        FormatException e = assertThrows(FormatException.class, () -> dry(b -> {
            for (int i = 0; i < a.length; i++) {
                String v = i + 1 < a.length ? a[i + 1] : null;
                switch (a[i]) {
                    case "-n" -> b.ntasks(v);
                    case "-N" -> b.nodes(v);
                    case "-c" -> b.coresPerTask(v);
                    case "-g" -> b.gpusPerTask(v);
                    case "-x" -> b.exclusive(true);
                    case "-t" -> b.timeLimit(v);
                    case "--cores" -> b.cores(v);
                    case "--tasks-per-node" -> b.tasksPerNode(v);
                    case "--tasks-per-core" -> b.tasksPerCore(v);
                    case "--gpus-per-node" -> b.gpusPerNode(v);
                    case "--dependency" -> b.dependency(v);
                    case "--taskmap" -> b.taskmap(v);
                    case "--env" -> b.env(v);
                    case "--signal" -> b.signal(v);
                    case "--rlimit" -> b.rlimit(v);
                    case "--begin-time" -> b.beginTime(v);
                    default -> {
                        continue;
                    }
                }
                if (!a[i].equals("-x")) {
                    i++;
                }
            }
            return b;
        }));
        assertEquals(message, e.getMessage());
    }

    @Test
    void missingCommand() {
        FormatException e = assertThrows(FormatException.class, () -> builder().command(List.of()).build());
        assertEquals("job command and arguments are missing", e.getMessage());
        assertEquals("command array cannot have length of zero",
                assertThrows(FormatException.class, () -> builder().command(List.of("--")).build()).getMessage());
    }

    @Test
    void leadingDashDashIsDropped() throws FormatException {
        assertEquals(List.of("hostname", "-x"), builder().command(List.of("--", "hostname", "-x")).build().command());
    }

    @Test
    void urgency() throws FormatException {
        assertEquals(16, builder().urgency());
        assertEquals(0, builder().urgency("hold").urgency());
        assertEquals(31, builder().urgency("expedite").urgency());
        assertEquals(16, builder().urgency("default").urgency());
        assertEquals(7, builder().urgency("7").urgency());
        for (String bad : List.of("32", "-1", "x", "")) {
            FormatException e = assertThrows(FormatException.class, () -> builder().urgency(bad).urgency());
            assertEquals("--urgency: must be an integer 0-31, default, hold or expedite, got '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void builtJobspecIsValidVersion1() throws FormatException {
        Jobspec js = dry2(b -> b.nodes("2").ntasks("4").coresPerTask("2").gpusPerTask("1").timeLimit("1h").exclusive(true)
                .dependency("afterok:1").output("o").unbuffered(true));
        js.validate();
        assertEquals(js, Jobspec.parseJson(js.dumps()));
        assertEquals(3600.0, js.duration());
    }

    static Jobspec dry2(UnaryOperator<JobspecBuilder> options) throws FormatException {
        return options.apply(builder()).build();
    }
}
