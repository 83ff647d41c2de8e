package org.fluxj.cmd.start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fluxj.client.Handle;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.proc.DefaultSignals;
import org.fluxj.formats.proc.Identity;
import org.fluxj.formats.proc.WaitStatus;
import org.fluxj.formats.taskmap.TaskMap;
import org.fluxj.pmi.LocalPmiService;
import org.fluxj.pmi.PmiSimpleServer;
import org.fluxj.pmi.PmiSocketServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code flux start}, as flux-core's flux-start.c. Normal mode runs one broker (a JVM cannot
 * execvp(2), so the broker is a child whose exit status becomes ours). Test mode
 * ({@code --test-size=N}) makes a rundir, serves PMI-1 on {@code RUNDIR/pmi} (an AF_UNIX
 * socket named by {@code FLUX_PMI_SOCKET}, as a JVM cannot pass {@code PMI_FD}), starts N
 * brokers with the initial program on rank 0, and exits with the highest broker exit code
 * ({@code --test-exit-mode=any}) or the leader's ({@code leader}), killing the rest
 * {@code --test-exit-timeout} after the first exits.
 */
@Command(name = "start", description = "Start a Flux instance.",
        customSynopsis = "flux start [OPTIONS] [initial-program [args...]]")
public final class StartCommand extends AbstractCommand {
    static final double DEFAULT_EXIT_TIMEOUT = 20.0;
    static final String SYSTEM_CONFIG_PATH = "/etc/flux/system/conf.d";
    static final String SYSTEM_STATEDIR = "/var/lib/flux";
    static final String SYSTEM_URI = "local:///run/flux/local";

    @Option(names = {"-S", "--setattr"}, paramLabel = "ATTR=VAL", split = ",", description = "Set broker attribute")
    List<String> setattr = new ArrayList<>();

    @Option(names = {"-c", "--config-path"}, paramLabel = "PATH", description = "Set broker config from PATH (default: none)")
    String configPath;

    @Option(names = "--conf", paramLabel = "VALUE", description = "Update broker config from VALUE")
    List<String> conf = new ArrayList<>();

    @Getopt.ShortOptionalValue
    @Option(names = {"-r", "--recovery"}, arity = "0..1", fallbackValue = "", paramLabel = "TARGET",
            description = "Start instance in recovery mode with dump file or statedir")
    String recovery;

    @Option(names = "--sysconfig", description = "Load system configuration")
    boolean sysconfig;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "", paramLabel = "LEVEL",
            description = "Be annoyingly informative by degrees")
    void verbose(String level) {
        verbose = verbosity(verbose, level);
    }

    int verbose;

    @Option(names = {"-X", "--noexec"}, description = "Don't execute (useful with -v, --verbose)")
    boolean noexec;

    @Option(names = {"-o", "--broker-opts"}, paramLabel = "OPTS", split = ",",
            description = "Add comma-separated broker options, e.g. \"-o,-v\"")
    List<String> brokerOpts = new ArrayList<>();

    @Option(names = "--caliper-profile", paramLabel = "PROFILE", description = "Run brokers with Caliper profiling")
    String caliperProfile;

    @Option(names = "--rundir", paramLabel = "DIR", description = "Set the rundir of the instance (with --test-size)")
    String rundir;

    @Option(names = "--wrap", paramLabel = "ARGS,...", split = ",",
            description = "Wrap broker execution in comma-separated arguments")
    List<String> wrap = new ArrayList<>();

    @Option(names = {"-s", "--test-size"}, paramLabel = "N", description = "Start a test instance by launching N brokers locally")
    Integer testSize;

    @Option(names = "--test-hosts", paramLabel = "HOSTLIST", description = "Set fake hostnames for brokers")
    String testHosts;

    @Option(names = "--test-exit-timeout", paramLabel = "FSD", description = "After a broker exits, kill other brokers after timeout")
    String testExitTimeout;

    @Option(names = "--test-exit-mode", paramLabel = "any|leader",
            description = "Trigger exit timer on leader/any broker exit (default=any)")
    String testExitMode;

    @Option(names = "--test-start-mode", paramLabel = "all|leader",
            description = "Start all brokers immediately or just leader (default=all)")
    String testStartMode;

    @Option(names = "--test-rundir", paramLabel = "DIR", description = "Use DIR as broker run directory")
    String testRundir;

    @Option(names = "--test-rundir-cleanup", description = "Clean up --test-rundir DIR upon flux-start completion")
    boolean testRundirCleanup;

    @Option(names = "--test-pmi-clique", paramLabel = "single|per-broker|none|TASKMAP",
            description = "Set PMI_process_mapping mode (default=single)")
    String testPmiClique;

    @Option(names = "--killer-timeout", paramLabel = "FSD", hidden = true, description = "(deprecated)")
    String killerTimeout;

    @Parameters(paramLabel = "initial-program", arity = "0..*", description = "The initial program and its arguments")
    List<String> command = new ArrayList<>();

    private double exitTimeout;
    private String exitMode;
    private String startMode;

    @Override
    public Integer call() throws Exception {
        // flux-core's autosplit drops empty pieces: "-o,-v" is the one option "-v".
        setattr.removeIf(String::isEmpty);
        brokerOpts.removeIf(String::isEmpty);
        wrap.removeIf(String::isEmpty);
        checkOptions();
        List<String> broker = brokerCommand();
        if (testSize == null) {
            return execBroker(broker);
        }
        return startSession(broker);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void checkOptions() {
        exitTimeout = DEFAULT_EXIT_TIMEOUT;
        String fsd = testExitTimeout != null ? testExitTimeout : killerTimeout;
        if (fsd != null) {
            try {
                exitTimeout = Fsd.parse(fsd);
            } catch (FormatException e) {
                throw usage("invalid --test-exit-timeout: " + fsd);
            }
        }
        exitMode = testExitMode == null ? "any" : testExitMode;
        if (!exitMode.equals("any") && !exitMode.equals("leader")) {
            throw usage("unknown --test-exit-mode: " + exitMode);
        }
        startMode = testStartMode == null ? "all" : testStartMode;
        if (!startMode.equals("all") && !startMode.equals("leader")) {
            throw usage("unknown --test-start-mode: " + startMode);
        }
        if (testSize != null && testSize <= 0) {
            throw usage("--test-size argument must be > 0");
        }
        if (testSize == null) {
            String[][] testOnly = {{"test-hosts", testHosts}, {"test-exit-timeout", testExitTimeout},
                {"test-exit-mode", testExitMode}, {"test-start-mode", testStartMode}, {"test-rundir", testRundir},
                {"test-rundir-cleanup", testRundirCleanup ? "" : null}, {"test-pmi-clique", testPmiClique},
                {"rundir", rundir}};
            for (String[] o : testOnly) {
                if (o[1] != null) {
                    throw usage("--" + o[0] + " only works with --test-size");
                }
            }
        }
        if (rundir != null && testRundir != null) {
            throw usage("--rundir and --test-rundir are mutually exclusive");
        }
        if (caliperProfile != null) {
            throw fail("--caliper-profile requires a version of Flux built with --enable-caliper");
        }
    }

    /** The path of {@code bin/flux}, which bin/flux passes as the fluxj.home property. */
    private static String fluxPath() {
        String home = System.getProperty("fluxj.home");
        if (home == null) {
            home = System.getenv("FLUXJ_HOME");
        }
        if (home == null) {
            throw fail("could not locate the broker: fluxj.home is not set (run through bin/flux)");
        }
        return Path.of(home, "bin", "flux").toString();
    }

    /** flux-core add_args_common: wrap, the broker, -S, broker options, config. */
    private List<String> brokerCommand() {
        List<String> args = new ArrayList<>(wrap);
        args.add(fluxPath());
        args.add("broker");
        for (String s : setattr) {
            args.add("-S" + s);
        }
        args.addAll(brokerOpts);
        boolean systemRecovery = recovery != null && recovery.isEmpty();
        if (recovery != null) {
            args.addAll(recoveryArgs());
        }
        String path = sysconfig || systemRecovery ? SYSTEM_CONFIG_PATH : null;
        if (configPath != null) {
            if (path != null) {
                err().printf("flux-start: Warning: overriding recovery/--sysconfig path with %s%n", configPath);
            }
            path = configPath;
        }
        if (path != null) {
            args.add("-c" + path);
        }
        for (String c : conf) {
            args.add("--conf=" + c);
        }
        return args;
    }

    /**
     * flux-core's process_recovery_option: one broker that needs no quorum and survives a failing
     * module, on a statedir (a directory holding content.sqlite) or a dump to restore; with no
     * TARGET, the system instance's statedir, which must not be in use.
     */
    private List<String> recoveryArgs() {
        List<String> args = new ArrayList<>(List.of("-Sbroker.recovery-mode=1", "-Sbroker.quorum=1",
                "-Sbroker.module-nopanic=1", "-Slog-stderr-level=5"));
        String target = recovery;
        if (target.isEmpty()) {
            target = SYSTEM_STATEDIR;
            try (Handle h = Handle.open(SYSTEM_URI)) {
                throw fail("system instance is already running");
            } catch (IOException e) {
                // not running: its statedir is ours
            }
        }
        Path p = Path.of(target);
        if (!Files.exists(p)) {
            throw fail("%s: No such file or directory", target);
        }
        if (!Files.isDirectory(p)) {
            args.add("-Scontent.restore=" + target);
            return args;
        }
        try {
            int owner = ((Number) Files.getAttribute(p, "unix:uid")).intValue();
            int me = Identity.uid();
            if (owner != me) {
                throw fail("%s: not owned by you", target);
            }
        } catch (IOException e) {
            throw fail("%s: %s", target, e.getMessage());
        }
        if (!Files.isReadable(p) || !Files.isWritable(p) || !Files.isExecutable(p)) {
            throw fail("%s: no access", target);
        }
        Path db = p.resolve("content.sqlite");
        if (!Files.exists(db)) {
            throw fail("%s: No such file or directory", db);
        }
        if (!Files.isReadable(db)) {
            throw fail("%s: no read permission", db);
        }
        if (!Files.isWritable(db)) {
            throw fail("%s: no write permission", db);
        }
        args.add("-Sstatedir=" + target);
        return args;
    }

    private int execBroker(List<String> broker) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(broker);
        args.addAll(command);
        if (verbose >= 1) {
            err().printf("flux-start: %s%n", String.join(" ", args));
        }
        if (noexec) {
            return 0;
        }
        Process p = start(args, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }

    /** A broker begins with default signal dispositions and none blocked, as libsubprocess starts it. */
    private Process start(List<String> args, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(DefaultSignals.command(args)).inheritIO();
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw fail("%s: %s", args.get(0), e.getMessage());
        }
    }

    /** A broker of the test instance. */
    private static final class Broker {
        final int rank;
        final List<String> args;
        final Map<String, String> env;
        Process process;
        int exitRc;

        Broker(int rank, List<String> args, Map<String, String> env) {
            this.rank = rank;
            this.args = args;
            this.env = env;
        }
    }

    private int startSession(List<String> brokerArgs) throws Exception {
        int size = testSize;
        Hostlist hosts = null;
        if (testHosts != null) {
            try {
                hosts = Hostlist.decode(testHosts);
            } catch (FormatException e) {
                throw fail("could not decode --test-hosts hostlist");
            }
            if (hosts.count() != size) {
                throw fail("--test-hosts hostlist has incorrect size");
            }
        }
        String mapping = processMapping(size);
        Path dir;
        boolean cleanup;
        if (testRundir != null) {
            dir = Path.of(testRundir);
            if (!Files.exists(dir)) {
                throw fail("%s: No such file or directory", testRundir);
            }
            if (!Files.isDirectory(dir)) {
                throw fail("%s: not a directory", testRundir);
            }
            cleanup = testRundirCleanup;
        } else if (rundir != null) {
            dir = Path.of(rundir);
            cleanup = !Files.isDirectory(dir);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw fail("%s: %s", rundir, e.getMessage());
            }
        } else {
            String tmp = System.getenv("TMPDIR");
            dir = Files.createTempDirectory(Path.of(tmp != null ? tmp : "/tmp"), "flux-");
            cleanup = true;
        }
        dir = dir.toAbsolutePath();
        Session session = null;
        try {
            session = new Session(size, dir, mapping);
            List<Broker> brokers = new ArrayList<>();
            for (int rank = 0; rank < size; rank++) {
                List<String> args = new ArrayList<>(brokerArgs);
                args.add("--setattr=rundir=" + dir);
                Map<String, String> env = new LinkedHashMap<>(session.server.environment(rank));
                if (hosts != null) {
                    args.add("--setattr=hostname=" + hosts.nth(rank));
                    env.put("FLUX_FAKE_HOSTNAME", hosts.nth(rank));
                }
                if (rank == 0) {
                    args.addAll(command);
                }
                if (verbose >= 1) {
                    err().printf("flux-start: %d: %s%n", rank, String.join(" ", args));
                }
                brokers.add(new Broker(rank, args, env));
            }
            if (noexec) {
                return 0;
            }
            return session.run(brokers);
        } finally {
            if (session != null) {
                session.close();
            }
            if (cleanup) {
                removeTree(dir);
            }
        }
    }

    /** PMI_process_mapping for --test-pmi-clique, or null for none. */
    private String processMapping(int size) {
        String mode = testPmiClique == null ? "single" : testPmiClique;
        switch (mode) {
            case "single":
                return TaskMap.block(size).encodePmi();
            case "per-broker":
                return "(vector,(0," + size + ",1))";
            case "none":
                return null;
            default:
                try {
                    TaskMap map = TaskMap.parse(mode);
                    return map.nnodes() > 0 ? map.encodePmi() : null;
                } catch (FormatException e) {
                    throw fail("test-pmi-clique: %s", e.getMessage());
                }
        }
    }

    /** The PMI server and the brokers of one test instance. */
    private final class Session implements AutoCloseable {
        final PmiSocketServer server;
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        List<Broker> brokers = List.of();

        Session(int size, Path dir, String mapping) throws IOException {
            LocalPmiService kvs = new LocalPmiService(events::add);
            if (mapping != null) {
                kvs.preput("PMI_process_mapping", mapping);
            }
            PmiSimpleServer engine = new PmiSimpleServer(kvs, 0, size, size, "-");
            if (verbose >= 2) {
                engine.setTrace((rank, text) -> err().printf("%d: %s%n", rank, text));
            }
            server = PmiSocketServer.unix(dir.resolve("pmi"), engine,
                    (rank, msg) -> err().printf("flux-start: %d: PMI: %s%n", rank, msg));
        }

        int run(List<Broker> all) throws InterruptedException {
            brokers = all;
            Thread hook = new Thread(this::killAll);
            Runtime.getRuntime().addShutdownHook(hook);
            for (Broker b : all) {
                if (startMode.equals("all") || b.rank == 0) {
                    b.process = start(b.args, b.env);
                    b.process.onExit().thenRun(() -> events.add(b));
                }
            }
            int exitRc = 0;
            long deadline = -1;
            while (running() > 0) {
                Object ev = deadline < 0 ? events.take()
                        : events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (ev == null) {
                    exitTimeout();
                    deadline = Long.MAX_VALUE; // killed; wait for them without a timer
                    continue;
                }
                if (ev instanceof LocalPmiService.Abort a) {
                    err().printf("flux-start: %d: PMI_Abort()%s%n", a.rank(),
                            a.message() == null ? "" : ": " + a.message());
                    killAll();
                    continue;
                }
                Broker b = (Broker) ev;
                b.exitRc = b.process.exitValue();
                report(b);
                b.process = null;
                if (exitMode.equals("any")) {
                    exitRc = Math.max(exitRc, b.exitRc);
                } else if (b.rank == 0) {
                    exitRc = b.exitRc;
                }
                if (deadline < 0 && shutdownDue()) {
                    deadline = System.nanoTime() + (long) (exitTimeout * 1e9);
                }
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            return exitRc;
        }

        private long running() {
            return brokers.stream().filter(b -> b.process != null).count();
        }

        /** flux-core update_timer: any broker gone (any), or the leader gone (leader). */
        private boolean shutdownDue() {
            long count = running();
            boolean leaderExit = brokers.get(0).process == null;
            return exitMode.equals("any") ? count > 0 && count < testSize : count > 0 && leaderExit;
        }

        private void exitTimeout() {
            IdSet killed = new IdSet();
            for (Broker b : brokers) {
                if (b.process != null) {
                    b.process.destroyForcibly();
                    killed.set(b.rank);
                }
            }
            if (!killed.isEmpty()) {
                err().printf("flux-start: Exit timeout: killed rank %s%n", killed.encode(IdSet.Flag.RANGE));
            }
        }

        private void killAll() {
            for (Broker b : brokers) {
                Process p = b.process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }

        private void report(Broker b) {
            int rc = b.exitRc;
            long pid = b.process.pid();
            if (rc > 128 && rc < 128 + 32) {
                err().printf("flux-start: %d (pid %d) %s%n", b.rank, pid, WaitStatus.strsignal(rc - 128));
            } else if (rc != 0) {
                err().printf("flux-start: %d (pid %d) exited with rc=%d%n", b.rank, pid, rc);
            }
        }

        @Override
        public void close() throws IOException {
            killAll();
            server.close();
        }
    }

    private static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
