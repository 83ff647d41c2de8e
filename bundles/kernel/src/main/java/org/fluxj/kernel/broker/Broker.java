package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.Identity;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Attributes.AttrException;
import org.fluxj.kernel.Bootstrap;
import org.fluxj.kernel.BrokerParams;
import org.fluxj.kernel.OverlayHost;
import org.fluxj.kernel.OverlayPort;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.Rpc;
import org.fluxj.kernel.api.Severity;
import org.fluxj.kernel.module.HostServices;
import org.fluxj.kernel.module.ModuleHost;
import org.fluxj.kernel.module.ModuleManager;
import org.fluxj.kernel.router.Router;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The broker (flux-core src/broker/broker.c) as a DS component of the kernel bundle: it reads
 * its parameters from the launcher's framework properties, sets the attributes, hosts the
 * built-in services on the broker thread, binds every {@code BrokerModule} service to the
 * module manager, and runs the state machine. At exit it hands its exit code to the
 * launcher's {@code IntConsumer} service ({@code fluxj.service=exit}).
 */
@Component(immediate = true, service = {})
public final class Broker implements StateMachine.Actions, OverlayHost {
    private static final String OWNER_UID_PROPERTY = "fluxj.owner-uid";

    @Reference(target = "(fluxj.service=exit)")
    private IntConsumer exitHook;

    private final ExecutorService brokerThread = Executors.newSingleThreadExecutor(r -> named(r, "broker"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> named(r, "timers"));
    private final List<Object[]> early = new ArrayList<>(); // module binds before activation
    private final Bootstraps bootstraps = new Bootstraps();
    private volatile OverlayPort overlay;
    private BundleContext context;
    private BrokerParams params;
    private final Attributes attrs = new Attributes();
    private LogBuffer log;
    private Router router;
    private ModuleManager modules;
    private StateMachine stateMachine;
    private ConfigService config;
    private final List<ModuleHost> services = new ArrayList<>();
    private Path rundirToRemove;
    private Path statedirToRemove;
    private int rank;
    private int size = 1;
    private String bootMethod = "single";
    private GroupsService groups;

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---------------------------------------------------------------- DS references

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindModule")
    synchronized void bindModule(BrokerModule module, ServiceReference<BrokerModule> ref) {
        if (modules == null) {
            early.add(new Object[] {module, ref});
        } else {
            modules.bind(module, ref.getBundle());
        }
    }

    synchronized void unbindModule(BrokerModule module) {
        early.removeIf(e -> e[0] == module);
        if (modules != null) {
            modules.unbind(module);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindOverlay")
    void bindOverlay(OverlayPort port) {
        overlay = port;
        synchronized (this) {
            if (stateMachine != null) {
                port.attach(this);
                router.setOverlay(port);
            }
        }
    }

    void unbindOverlay(OverlayPort port) {
        if (overlay == port) {
            overlay = null;
            if (router != null) {
                router.setOverlay(null);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindBootstrap")
    void bindBootstrap(Bootstrap b) {
        bootstraps.add(b);
    }

    void unbindBootstrap(Bootstrap b) {
        bootstraps.remove(b);
    }

    // ---------------------------------------------------------------- start

    @Activate
    void activate(BundleContext bc) {
        this.context = bc;
        // off the DS thread: bootstrap may block, and module bundles start from here
        Thread t = named(this::boot, "broker-start");
        t.start();
    }

    private void boot() {
        try {
            params = BrokerParams.from(context::getProperty);
            setCmdlineAttributes();
            Conf.Loaded conf = config();
            Bootstrap.BootInfo info = bootInfo(conf.config());
            rank = info.rank();
            size = info.size();
            initAttributes(info);
            log = new LogBuffer(rank, System.err);
            configureLog();
            int owner = ownerUid();
            router = new Router(brokerThread, rank, owner, log);
            HostServices hs = new HostServices(router, attrs, log, () -> config.loaded(), timers, rank, size);
            config = new ConfigService(params.configPath(), conf, this::configTargets);
            modules = new ModuleManager(hs, context, moduleDir());
            synchronized (this) {
                early.forEach(e -> modules.bind((BrokerModule) e[0], ((ServiceReference<?>) e[1]).getBundle()));
                early.clear();
                if (info.overlay() != null) {
                    overlay = info.overlay();
                }
            }
            Runat runat = new Runat(log, attrs.get("local-uri").orElse(null));
            checkDurations();
            stateMachine = new StateMachine(brokerThread, log, runat, this, rank == 0, quorumSize());
            stateMachine.onTransition(this::stateChanged);
            if (attrs.has("broker.recovery-mode")) {
                List<String> program = params.program();
                stateMachine.recoveryMode(rank == 0 && (program == null || program.isEmpty()) ? recoveryBanner() : null);
            }
            groups = new GroupsService();
            OverlayPort ov = overlay;
            BrokerModule overlayService = ov != null && ov.services() != null ? ov.services() : info.services();
            Modprobe modprobe = new Modprobe(modules, Modprobe.resolve(params.rc1Modules(), rank, attrs::get), params.builtins(),
                    confdir(), runat, log, attrs::get, rank == 0);
            definePhases(runat, modprobe);
            List<BrokerModule> builtin = new ArrayList<>(List.of(new AttrService(attrs, log), new LogService(log),
                    new EventService(router), config, new ModuleService(modules, router), stateMachine,
                    new ShutdownService(stateMachine, log), new RunatService(runat),
                    new BrokerService(params.home() == null ? null : Path.of(params.home())), groups));
            if (overlayService != null) {
                builtin.add(overlayService);
            }
            for (BrokerModule svc : builtin) {
                ModuleHost h = new ModuleHost(svc.name(), svc, List.of(), hs, brokerThread, "builtin");
                services.add(h);
                h.start().join();
            }
            if (params.verbose() > 0) {
                log.log(Severity.INFO, "broker", "boot: rank=" + rank + " size=" + size);
            }
            // SIGTERM to the launcher: leave the run state as flux-core's broker does on a signal
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("fluxj.service", "terminate");
            context.registerService(Runnable.class, this::terminate, props);
            synchronized (this) { // what peers sent so far is routed from here on, to services in place
                OverlayPort o = overlay;
                if (o != null) {
                    router.setOverlay(o);
                    o.attach(this);
                }
            }
            stateMachine.kickoff();
        } catch (Exception e) {
            System.err.println("flux-broker: " + Rpc.cause(e).getMessage());
            exit(1);
        }
    }

    /** flux-core's parse_config: the files of {@code -c} (or FLUX_CONF_DIR), then each {@code --conf}. */
    private Conf.Loaded config() throws FormatException {
        Conf.Loaded conf;
        try {
            conf = ConfigLoader.load(params.configPath());
        } catch (FormatException e) {
            throw new FormatException("Config file error: " + e.getMessage());
        }
        for (String value : params.conf()) {
            try {
                Conf.update(conf.config(), value);
            } catch (FormatException e) {
                throw new FormatException("--conf: " + e.getMessage());
            }
        }
        return conf;
    }

    /** What a configuration change is offered to: every loaded module, in load order. */
    private List<ConfigService.Target> configTargets() {
        List<ConfigService.Target> targets = new ArrayList<>();
        for (ModuleHost h : modules.list()) {
            targets.add(new ConfigService.Target() {
                @Override
                public String name() {
                    return h.name();
                }

                @Override
                public CompletableFuture<Void> update(JsonNode conf) {
                    return h.configUpdate(conf);
                }
            });
        }
        return targets;
    }

    private Bootstrap.BootInfo bootInfo(ObjectNode conf) throws Exception {
        bootMethod = Bootstraps.method(attrs.get("broker.boot-method").orElse(context.getProperty(BrokerParams.BOOT_METHOD)),
                conf);
        return bootstraps.await(bootMethod).boot(params, attrs, conf == null ? Json.object() : conf);
    }

    /** This host's name: FLUX_FAKE_HOSTNAME if set (flux start --test-hosts), else the short host name. */
    private static String hostname() {
        String fake = System.getenv("FLUX_FAKE_HOSTNAME");
        return fake != null && !fake.isEmpty() ? fake : Identity.shortHostname();
    }

    private static int ownerUid() {
        String uid = System.getProperty(OWNER_UID_PROPERTY);
        if (uid != null) {
            return Integer.parseInt(uid);
        }
        try {
            return Identity.uid();
        } catch (IOException e) {
            return 0;
        }
    }

    /** flux-core's attribute set: command-line values first, then what the broker computes. */
    private void setCmdlineAttributes() throws FormatException {
        for (String[] kv : params.setattr()) {
            try {
                attrs.setCmdline(kv[0], kv[1]);
            } catch (AttrException e) {
                throw new FormatException("error setting attribute " + kv[0] + ": " + e.getMessage());
            }
        }
        defaultAttr("hostname", hostname());
    }

    private void initAttributes(Bootstrap.BootInfo info) throws Exception {
        attrs.setInternal("rank", Integer.toString(info.rank()));
        attrs.setInternal("size", Integer.toString(info.size()));
        attrs.setInternal("version", version());
        attrs.setInternal("security.owner", Integer.toString(ownerUid()));
        String parent = System.getenv("FLUX_URI");
        if (parent != null) {
            attrs.setInternal("parent-uri", parent);
        }
        attrs.setInternal("instance-level", parent != null ? "1" : "0");
        String jobid = System.getenv("FLUX_JOB_ID");
        if (jobid != null) {
            attrs.setInternal("jobid", jobid);
        }
        defaultAttr("hostlist", info.hostlist());
        attrs.setInternal("broker.boot-method", bootMethod);
        String critical = attrs.get("broker.critical-ranks").orElse(null);
        if (critical != null) {
            IdSet ids;
            try {
                ids = IdSet.decode(critical);
            } catch (FormatException e) {
                ids = new IdSet();
            }
            if (ids.isEmpty() || ids.last() >= info.size()) {
                throw new FormatException("invalid value for broker.critical-ranks='" + critical + "'");
            }
        }
        attrs.setInternal("broker.pid", Long.toString(ProcessHandle.current().pid()));
        attrs.setInternal("broker.starttime", String.format("%.2f", System.currentTimeMillis() / 1000.0));
        attrs.setInternal("broker.uuid", UUID.randomUUID().toString());
        defaultAttr("broker.rc1_path", Modprobe.RC1);
        defaultAttr("broker.rc3_path", Modprobe.RC3);
        if (params.configPath() != null) {
            defaultAttr("config.path", params.configPath());
        }
        String tmpdir = System.getenv("TMPDIR");
        rundirToRemove = Rundir.create(attrs, "rundir", tmpdir != null ? tmpdir : "/tmp", ownerUid());
        // only the leader uses a statedir: a temporary one under TMPDIR or /var/tmp
        if (info.rank() == 0) {
            statedirToRemove = Rundir.create(attrs, "statedir", tmpdir != null ? tmpdir : "/var/tmp", ownerUid());
        } else {
            attrs.setInternal("statedir-cleanup", "0");
        }
        if (attrs.has("local-uri")) {
            Rundir.checkLocalUri(attrs.get("local-uri").orElseThrow(), ownerUid());
        } else {
            attrs.setInternal("local-uri", "local://" + attrs.get("rundir").orElseThrow() + "/local-" + info.rank());
        }
        if (!attrs.has("tbon.level")) {
            attrs.setInternal("tbon.level", "0");
            attrs.setInternal("tbon.maxlevel", "0");
            attrs.setInternal("tbon.descendants", Integer.toString(info.size() - 1));
        }
    }

    private void defaultAttr(String name, String value) {
        if (!attrs.has(name)) {
            attrs.setInternal(name, value);
        }
    }

    private void configureLog() throws FormatException {
        int ring = intAttr("log-ring-size", 1024);
        int level = levelAttr("log-level", 7);
        int stderrLevel = levelAttr("log-stderr-level", params.verbose() > 1 ? 7 : params.verbose() == 1 ? 6 : 3);
        int critical = levelAttr("log-critical-level", 2);
        levelAttr("log-forward-level", 3);
        levelAttr("log-syslog-level", 3);
        int syslog = intAttr("log-syslog-enable", 0);
        if (syslog != 0 && syslog != 1) {
            throw new FormatException("log-syslog-enable: value must be 0 or 1");
        }
        defaultAttr("log-stderr-mode", params.verbose() > 0 ? "local" : "leader");
        String mode = attrs.get("log-stderr-mode").orElseThrow();
        if (!mode.equals("leader") && !mode.equals("local")) {
            throw new FormatException("log-stderr-mode: invalid value '" + mode + "'");
        }
        log.configure(ring, level, stderrLevel, critical, mode.equals("local"));
        String file = attrs.get("log-filename").orElse(null);
        if (file != null && rank == 0) {
            try {
                log.logTo(Path.of(file));
            } catch (IOException e) {
                throw new FormatException("log-filename: cannot open " + file + ": " + e.getMessage());
            }
        }
    }

    /** A syslog level: at most 7 (debug); a negative one matches nothing, as in flux-core. */
    private int levelAttr(String name, int dflt) throws FormatException {
        int v = intAttr(name, dflt);
        if (v > 7) {
            throw new FormatException(name + ": Invalid argument");
        }
        return v;
    }

    private int intAttr(String name, int dflt) throws FormatException {
        String v = attrs.get(name).orElse(null);
        if (v == null) {
            attrs.setInternal(name, Integer.toString(dflt));
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new FormatException(name + ": invalid value '" + v + "'");
        }
    }

    private String version() {
        var v = context.getBundle().getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    private Path confdir() {
        String c = context.getProperty("fluxj.confdir");
        if (c != null) {
            return Path.of(c);
        }
        return params.home() == null ? null : Path.of(params.home(), "etc", "flux");
    }

    private Path moduleDir() {
        String d = context.getProperty("fluxj.module-dir");
        return d == null ? null : Path.of(d);
    }

    /** What flux-core's broker prints before the recovery shell. */
    private String recoveryBanner() {
        String statedir = attrs.get("statedir-cleanup").orElse("").equals("0") ? attrs.get("statedir").orElse("-")
                : "changes will not be preserved";
        return "+-----------------------------------------------------\n"
                + "| Entering Flux recovery mode.\n"
                + "| All resources will be offline during recovery.\n"
                + "| Any rc1 failures noted above may result in\n"
                + "|  reduced functionality until manually corrected.\n"
                + "|\n"
                + "| broker.rc1_path    " + attrs.get("broker.rc1_path").orElse("-") + "\n"
                + "| broker.rc3_path    " + attrs.get("broker.rc3_path").orElse("-") + "\n"
                + "| config.path        " + attrs.get("config.path").orElse("-") + "\n"
                + "| statedir           " + statedir + "\n"
                + "|\n"
                + "| Exit this shell when finished.\n"
                + "+-----------------------------------------------------\n";
    }

    private void definePhases(Runat runat, Modprobe modprobe) throws FormatException {
        String rc1 = attrs.get("broker.rc1_path").orElse("");
        if (rc1.equals(Modprobe.RC1)) {
            runat.pushStep("rc1", rc1, modprobe::rc1);
        } else if (!rc1.isEmpty()) {
            runat.pushShellCommand("rc1", rc1);
        }
        if (rank == 0 && !attrs.has("broker.rc2_none")) {
            List<String> program = params.program();
            if (program == null || program.isEmpty()) {
                // as flux-core: refuse rather than seem to hang on a shell that cannot be used
                if (!stdinIsTty()) {
                    throw new FormatException("stdin is not a tty - can't run interactive shell");
                }
                runat.pushInteractive("rc2", List.of(Runat.shell()));
            } else if (program.size() == 1 && needsShell(program.get(0))) {
                runat.pushInteractive("rc2", List.of(Runat.shell(), "-c", program.get(0)));
            } else {
                runat.pushInteractive("rc2", program);
            }
        }
        String rc3 = attrs.get("broker.rc3_path").orElse("");
        if (rc3.equals(Modprobe.RC3)) {
            runat.pushStep("rc3", rc3, modprobe::rc3);
        } else if (!rc3.isEmpty()) {
            runat.pushShellCommand("rc3", rc3);
        }
    }

    /** isatty(STDIN_FILENO), as /proc shows where descriptor 0 leads. */
    private static boolean stdinIsTty() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** flux-core's shell_required: a lone argument with shell syntax in it runs under $SHELL -c. */
    private static boolean needsShell(String arg) {
        for (char c : arg.toCharArray()) {
            if (" \t\n|&;<>()$`\\\"'*?[#~=%".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- state machine actions

    @Override
    public void loadBuiltins() {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (String name : params.builtins()) {
            chain = chain.thenCompose(v -> modules.load(name, List.of()));
        }
        chain.whenComplete((v, e) -> {
            if (e == null) {
                stateMachine.post("builtins-success");
            } else {
                Throwable c = Rpc.cause(e);
                log.log(Severity.ERR, "broker", "error loading builtins: " + c.getMessage());
                stateMachine.setExitCode(1);
                stateMachine.post("builtins-fail");
            }
        });
    }

    /**
     * Rank 0 has no parent; the others wait for the parent to accept their hello, then follow its
     * state (the state machine posts parent-ready once the parent has reached quorum).
     */
    @Override
    public void join() {
        OverlayPort o = overlay;
        if (o == null || !o.hasParent()) {
            stateMachine.post("parent-none");
            return;
        }
        o.parentReady().whenComplete((v, e) -> {
            if (e != null) {
                log.log(Severity.ERR, "broker", "overlay: " + (e.getCause() != null ? e.getCause().getMessage()
                        : e.getMessage()));
                stateMachine.setExitCode(1);
                stateMachine.post("parent-fail");
            } else {
                stateMachine.monitorParent();
            }
        });
    }

    /** Rank &gt; 0: takes the TBON parent's configuration, and follows it from here on. */
    @Override
    public void configSync() {
        config.followParent(ok -> stateMachine.post(ok ? "sync-success" : "sync-fail"));
    }

    /** Children follow this broker into shutdown; the state moves on once none is online. */
    @Override
    public void childrenShutdown() {
        OverlayPort o = overlay;
        if (o == null || topologyLeaf()) {
            stateMachine.post("children-none");
        } else {
            checkChildrenGone();
        }
    }

    private boolean topologyLeaf() {
        return attrs.get("tbon.descendants").map("0"::equals).orElse(true);
    }

    /** Broker thread: in the shutdown state, posts children-complete once no child is online. */
    private void checkChildrenGone() {
        OverlayPort o = overlay;
        if (stateMachine != null && stateMachine.state() == BrokerState.SHUTDOWN && (o == null || o.onlineChildren() == 0)) {
            stateMachine.post("children-complete");
        }
    }

    /** Says goodbye to the parent (rank 0: at once); gives up after a while, as flux-core's timer. */
    @Override
    public void goodbye() {
        OverlayPort o = overlay;
        if (o == null || !o.hasParent()) {
            stateMachine.post("goodbye");
            return;
        }
        o.goodbye().completeOnTimeout(null, 5, TimeUnit.SECONDS)
                .whenComplete((v, e) -> stateMachine.post("goodbye"));
    }

    private void stateChanged(BrokerState state) {
        OverlayPort o = overlay;
        if (o != null && (state == BrokerState.CLEANUP || state == BrokerState.SHUTDOWN)) {
            o.refuseChildren();
        }
    }

    /**
     * The state machine's durations: an FSD or "none" each, checked at start as flux-core's
     * broker checks them (broker.cleanup-timeout defaults to none).
     */
    private void checkDurations() throws FormatException {
        defaultAttr("broker.cleanup-timeout", "none");
        for (String name : List.of("broker.quorum-warn", "broker.shutdown-warn", "broker.shutdown-timeout",
                "broker.cleanup-timeout", "broker.unload-builtins-timeout")) {
            String v = attrs.get(name).orElse(null);
            if (v != null && !v.equals("none") && !Fsd.isValid(v)) {
                throw new FormatException("Error parsing " + name + " attribute: invalid FSD '" + v + "'");
            }
        }
    }

    /** broker.quorum: how many brokers must be online for rank 0 to leave the quorum state. */
    private int quorumSize() throws FormatException {
        String v = attrs.get("broker.quorum").orElse(null);
        if (v == null) {
            attrs.setInternal("broker.quorum", Integer.toString(size));
            return size;
        }
        if (v.equals("0-" + (size - 1)) || v.equals("0")) { // the idset forms of old
            int q = v.equals("0") ? 1 : size;
            log.log(Severity.ERR, "broker", "warning: broker.quorum is now a size - assuming " + q);
            return q;
        }
        try {
            int q = Integer.parseInt(v);
            if (q >= 1 && q <= size) {
                return q;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new FormatException("Error parsing broker.quorum attribute");
    }

    @Override
    public void unloadBuiltins() {
        List<ModuleHost> loaded = new ArrayList<>(modules.list());
        Collections.reverse(loaded);
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (ModuleHost h : loaded) {
            chain = chain.thenCompose(v -> modules.remove(h.name()).exceptionally(e -> null));
        }
        chain.whenComplete((v, e) -> stateMachine.post("builtins-done"));
    }

    @Override
    public void exit(int code) {
        OverlayPort o = overlay;
        if (o != null) {
            o.close();
        }
        for (Path dir : new Path[] {rundirToRemove, statedirToRemove}) {
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // best effort, as flux-core's rundir cleanup
                }
            }
        }
        exitHook.accept(code);
    }

    /** A terminating signal: shut down from the run state, else let the state machine go on. */
    private void terminate() {
        brokerThread.execute(() -> {
            if (!stateMachine.shutdown()) {
                log.log(Severity.DEBUG, "broker", "signal in " + stateMachine.state() + ": shutdown under way");
            }
        });
    }

    @Deactivate
    void deactivate() {
        if (modules != null) {
            modules.close();
        }
        timers.shutdownNow();
        brokerThread.shutdown();
    }

    // ---------------------------------------------------------------- OverlayHost

    @Override
    public BrokerParams params() {
        return params;
    }

    @Override
    public Attributes attributes() {
        return attrs;
    }

    @Override
    public void receive(Message message) {
        router.fromOverlay(message);
    }

    @Override
    public void log(int severity, String text) {
        log.log(severity, "overlay", text);
    }

    @Override
    public void childChanged(int childRank, String status, String subtree) {
        brokerThread.execute(() -> {
            if (groups != null && (status.equals("lost") || status.equals("offline"))) {
                try {
                    groups.subtreeGone(IdSet.decode(subtree));
                } catch (FormatException e) {
                    log.log(Severity.ERR, "broker", "subtree " + subtree + ": " + e.getMessage());
                }
            }
            checkChildrenGone();
        });
    }

    @Override
    public void parentLost(String reason) {
        StateMachine sm = stateMachine;
        if (sm != null) {
            sm.parentLost();
        }
    }

}
