package org.fluxj.cmd.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.client.FluxException;
import org.fluxj.client.job.Jobs;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.jobspec.Jobspec;
import org.fluxj.formats.jobspec.JobspecBuilder;
import org.fluxj.formats.jobspec.SubmitFlags;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code flux submit} and {@code flux run} share, as flux-core's {@code MiniCmd} and
 * {@code SubmitBaseCmd}: the submission options, building the jobspec, and {@code --dry-run},
 * which prints it as flux-core does. Options stop at the job command (POSIX style).
 */
abstract class AbstractSubmissionCommand extends AbstractCommand implements Argparse {
    /** Options whose order matters are applied to the builder as they are met. */
    final JobspecBuilder builder = new JobspecBuilder();
    private final List<String> flags = new ArrayList<>();
    private String urgency = "16";
    private String requires;
    private String addFile;

    @Option(names = {"-B", "--bank"}, paramLabel = "BANK", description = "Submit a job to a specific named bank")
    void bank(String v) {
        builder.bank(v);
    }

    @Option(names = {"-q", "--queue"}, paramLabel = "NAME", description = "Submit a job to a specific named queue")
    void queue(String v) {
        builder.queue(v);
    }

    @Option(names = {"-t", "--time-limit"}, paramLabel = "MIN|FSD",
            description = "Time limit in minutes when no units provided, otherwise in Flux standard duration, "
                    + "e.g. 30s, 2d, 1.5h")
    void timeLimit(String v) {
        builder.timeLimit(v);
    }

    @Option(names = "--urgency", paramLabel = "N",
            description = "Set job urgency (0-31), hold=0, default=16, expedite=31")
    void urgency(String v) {
        urgency = v;
        builder.urgency(v);
    }

    @Option(names = "--job-name", paramLabel = "NAME", description = "Set an optional name for job to NAME")
    void jobName(String v) {
        builder.jobName(v);
    }

    @Option(names = {"-o", "--setopt"}, paramLabel = "OPT",
            description = "Set shell option OPT. An optional value is supported with OPT=VAL (default VAL=1) "
                    + "(multiple use OK)")
    void setopt(String v) {
        builder.setopt(v);
    }

    @Option(names = {"-S", "--setattr"}, paramLabel = "ATTR",
            description = "Set job attribute ATTR. An optional value is supported with ATTR=VAL (default VAL=1). "
                    + "If ATTR starts with ^, then VAL is a file containing valid JSON which will be used as the "
                    + "value of the attribute. (multiple use OK)")
    void setattr(String v) {
        builder.setattr(v);
    }

    @Option(names = "--add-file", paramLabel = "[NAME=]PATH", description = "Add a file to jobspec (not yet supported)")
    void addFile(String v) {
        addFile = v;
    }

    @Option(names = "--dependency", paramLabel = "URI", description = "Set an RFC 26 dependency URI for this job")
    void dependency(String v) {
        builder.dependency(v);
    }

    @Option(names = {"--requires", "--require"}, paramLabel = "CONSTRAINT",
            description = "Specify job constraints in RFC 35 syntax (not yet supported)")
    void requires(String v) {
        requires = v;
    }

    @Option(names = "--begin-time", paramLabel = "+FSD|TIME",
            description = "Set minimum start time as offset in FSD (e.g. +1h) or an absolute TIME "
                    + "(e.g. 2026-01-31T15:00) for job")
    void beginTime(String v) {
        builder.beginTime(v);
    }

    @Option(names = "--env", paramLabel = "RULE",
            description = "Control how environment variables are exported. If RULE starts with '-' apply rest of "
                    + "RULE as a remove filter (see --env-remove), if '^' then read rules from a file (see "
                    + "--env-file). Otherwise, set matching environment variables from the current environment "
                    + "(--env=PATTERN) or set a value explicitly (--env=VAR=VALUE). Rules are applied in the order "
                    + "they are used on the command line. (multiple use OK)")
    void env(String v) {
        builder.env(v);
    }

    @Option(names = "--env-remove", paramLabel = "PATTERN",
            description = "Remove environment variables matching PATTERN. If PATTERN starts with a '/', then it is "
                    + "matched as a regular expression, otherwise PATTERN is a shell glob expression. "
                    + "(multiple use OK)")
    void envRemove(String v) {
        builder.envRemove(v);
    }

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Read a set of environment rules from FILE. (multiple use OK)")
    void envFile(String v) {
        builder.envFile(v);
    }

    @Option(names = "--rlimit", paramLabel = "RULE",
            description = "Control how soft resource limits are propagated to the job. If RULE starts with a '-', "
                    + "then do not propagate matching resource limits (e.g. '-*' propagates nothing). Otherwise, "
                    + "propagate the current limit or a specific value, e.g. --rlimit=core or --rlimit=core=16.")
    void rlimit(String v) {
        builder.rlimit(v);
    }

    @Option(names = "--input", paramLabel = "FILENAME", description = "Redirect job stdin from FILENAME, bypassing KVS")
    void input(String v) {
        builder.input(v);
    }

    @Option(names = "--output", paramLabel = "FILENAME", description = "Redirect job stdout to FILENAME, bypassing KVS")
    void output(String v) {
        builder.output(v);
    }

    @Option(names = "--error", paramLabel = "FILENAME", description = "Redirect job stderr to FILENAME, bypassing KVS")
    void error(String v) {
        builder.error(v);
    }

    @Option(names = {"-u", "--unbuffered"}, description = "Disable buffering of input and output")
    void unbuffered(boolean v) {
        builder.unbuffered(v);
    }

    @Option(names = {"-l", "--label-io"}, description = "Add rank labels to stdout, stderr lines")
    void labelIo(boolean v) {
        builder.labelIo(v);
    }

    @Option(names = "--cwd", paramLabel = "DIRECTORY", description = "Set job working directory")
    void cwd(String v) {
        builder.cwd(v);
    }

    @Option(names = "--flags", paramLabel = "FLAGS",
            description = "Set comma separated list of job submission flags. Possible flags:  debug, waitable, "
                    + "novalidate")
    void flags(String v) {
        flags.add(v);
    }

    @Option(names = "--signal", paramLabel = "[SIG][@TIME]",
            description = "Schedule delivery of signal SIG at a defined TIME before job expiration. Default SIG is "
                    + "SIGUSR1, default TIME is 60s.")
    void signal(String v) {
        builder.signal(v);
    }

    @Option(names = "--dry-run", description = "Don't actually submit job, just emit jobspec")
    boolean dryRun;

    @Option(names = "--dry", hidden = true)
    void dry(boolean v) {
        dryRun = v;
    }

    @Option(names = "--quiet", description = "Do not print jobid to stdout on submission")
    boolean quiet;

    @Option(names = "--debug-emulate", hidden = true)
    boolean debugEmulate;

    @Option(names = "--taskmap", paramLabel = "URI",
            description = "Select the scheme for mapping task ids to nodes as a URI (i.e. SCHEME[:VALUE]). Value "
                    + "options include block, cyclic, cyclic:N, or manual:TASKMAP (default: block)")
    void taskmap(String v) {
        builder.taskmap(v);
    }

    @Option(names = {"-N", "--nodes"}, paramLabel = "N", description = "Number of nodes to allocate")
    void nodes(String v) {
        builder.nodes(v);
    }

    @Option(names = {"-x", "--exclusive"}, description = "With -N, --nodes, allocate nodes exclusively")
    void exclusive(boolean v) {
        builder.exclusive(v);
    }

    @Option(names = {"-n", "--ntasks"}, paramLabel = "N", description = "Number of tasks to start")
    void ntasks(String v) {
        builder.ntasks(v);
    }

    @Option(names = {"-c", "--cores-per-task"}, paramLabel = "N", description = "Number of cores to allocate per task")
    void coresPerTask(String v) {
        builder.coresPerTask(v);
    }

    @Option(names = {"-g", "--gpus-per-task"}, paramLabel = "N", description = "Number of GPUs to allocate per task")
    void gpusPerTask(String v) {
        builder.gpusPerTask(v);
    }

    @Option(names = "--cores", paramLabel = "N", description = "Request a total number of cores")
    void cores(String v) {
        builder.cores(v);
    }

    @Option(names = "--tasks-per-node", paramLabel = "N", description = "Force number of tasks per node")
    void tasksPerNode(String v) {
        builder.tasksPerNode(v);
    }

    @Option(names = "--tasks-per-core", paramLabel = "N", description = "Force number of tasks per core")
    void tasksPerCore(String v) {
        builder.tasksPerCore(v);
    }

    @Option(names = "--gpus-per-node", paramLabel = "N", description = "Request a number of GPUs per node with --nodes")
    void gpusPerNode(String v) {
        builder.gpusPerNode(v);
    }

    @Option(names = {"-v", "--verbose"}, description = "Increase verbosity on stderr (multiple use OK)")
    boolean[] verbose = new boolean[0];

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "Job command and arguments")
    List<String> command = new ArrayList<>();

    /** Checks options this command does not support yet; called before the jobspec is built. */
    void unsupported() {
        if (requires != null) {
            throw fail("--requires: RFC 35 constraints are not supported yet");
        }
        if (addFile != null) {
            throw fail("--add-file: not supported yet");
        }
    }

    @Override
    public Integer call() throws FormatException {
        unsupported();
        builder.command(command)
                .environment(processEnvironment())
                .limits(processLimits())
                .workingDirectory(System.getProperty("user.dir"))
                .debugEmulate(debugEmulate);
        Jobspec jobspec = builder.build();
        for (String warning : builder.warnings()) {
            err().println(warning);
        }
        if (dryRun) {
            out().println(jobspec.dumps());
            return 0;
        }
        int flagBits = 0;
        for (String list : flags) {
            for (String flag : list.split(",", -1)) {
                switch (flag) {
                    case "debug" -> flagBits |= SubmitFlags.DEBUG;
                    case "waitable" -> flagBits |= SubmitFlags.WAITABLE;
                    case "novalidate" -> flagBits |= SubmitFlags.NOVALIDATE;
                    default -> throw fail("--flags: Unknown flag %s", flag);
                }
            }
        }
        int urgencyValue = builder.urgency(); // a bad value is refused before connecting
        long id;
        try {
            id = Jobs.submit(handle(), jobspec.toJson(), urgencyValue, flagBits);
        } catch (FluxException e) {
            throw fail("ERROR: [Errno %d] %s", e.errnum(), e.getMessage());
        } catch (IOException e) {
            throw fail("ERROR: %s", e.getMessage());
        }
        submitted(id);
        return 0;
    }

    /** What the command does with a job it submitted: {@code flux submit} prints its id. */
    abstract void submitted(long id);

    /** This process's environment in its original order where /proc tells it. */
    static Map<String, String> processEnvironment() {
        Map<String, String> env = System.getenv();
        Map<String, String> ordered = new LinkedHashMap<>();
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/environ"));
            for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    String name = entry.substring(0, eq);
                    if (env.containsKey(name)) {
                        ordered.putIfAbsent(name, env.get(name));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: the order does not matter
        }
        new TreeMap<>(env).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "cpu"), Map.entry("Max file size", "fsize"),
            Map.entry("Max data size", "data"), Map.entry("Max stack size", "stack"),
            Map.entry("Max core file size", "core"), Map.entry("Max resident set", "rss"),
            Map.entry("Max processes", "nproc"), Map.entry("Max open files", "nofile"),
            Map.entry("Max locked memory", "memlock"), Map.entry("Max address space", "as"),
            Map.entry("Max pending signals", "sigpending"), Map.entry("Max msgqueue size", "msgqueue"),
            Map.entry("Max nice priority", "nice"), Map.entry("Max realtime priority", "rtprio"),
            Map.entry("Max realtime timeout", "rttime"));

    /**
     * This process's soft resource limits from /proc/self/limits (unlimited is -1). The JVM
     * raises its open files limit to the hard limit unless run with -XX:-MaxFDLimit.
     */
    static Map<String, Long> processLimits() {
        Map<String, Long> limits = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                for (Map.Entry<String, String> e : LIMIT_NAMES.entrySet()) {
                    if (line.startsWith(e.getKey() + " ")) {
                        String soft = line.substring(e.getKey().length()).strip().split("\\s+")[0];
                        limits.put(e.getValue(), soft.equals("unlimited") ? -1L : Long.parseLong(soft));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        if (limits.containsKey("nofile")) {
            limits.put("ofile", limits.get("nofile"));
        }
        return limits;
    }
}
