package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Severity;

/**
 * The broker state machine (flux-core src/broker/state_machine.c): the same states, events
 * and transitions, each transition logged as {@code EVENT: FROM->TO DURATION}. Runs on the
 * broker thread; it is also the {@code state-machine} service (get, wait, monitor).
 */
public final class StateMachine implements BrokerModule {

    /** What the states do that lives elsewhere in the broker. */
    interface Actions {
        void loadBuiltins(); // posts builtins-success or builtins-fail

        void join(); // posts parent-none, parent-ready or parent-fail

        void configSync(); // rank > 0: posts sync-success or sync-fail

        void childrenShutdown(); // posts children-none or children-complete

        void unloadBuiltins(); // posts builtins-done

        void goodbye(); // posts goodbye once the parent has answered overlay.goodbye

        void exit(int code);
    }

    public static final List<String> STATES = List.of("load-builtins", "join", "config-sync", "init", "quorum",
            "run", "cleanup", "shutdown", "finalize", "goodbye", "unload-builtins", "exit");

    private static final String[][] NEXT = {
        {"builtins-success", "load-builtins", "join"},
        {"builtins-fail", "load-builtins", "unload-builtins"},
        {"parent-ready", "join", "config-sync"},
        {"parent-none", "join", "config-sync"},
        {"parent-fail", "join", "shutdown"},
        {"sync-success", "config-sync", "init"},
        {"sync-none", "config-sync", "init"},
        {"sync-fail", "config-sync", "shutdown"},
        {"rc1-success", "init", "quorum"},
        {"rc1-none", "init", "quorum"},
        {"rc1-ignorefail", "init", "quorum"},
        {"rc1-fail", "init", "shutdown"},
        {"panic", "init", "shutdown"},
        {"quorum-full", "quorum", "run"},
        {"quorum-fail", "quorum", "shutdown"},
        {"panic", "quorum", "shutdown"},
        {"rc2-success", "run", "cleanup"},
        {"rc2-fail", "run", "cleanup"},
        {"panic", "run", "shutdown"},
        {"shutdown", "run", "cleanup"},
        {"parent-fail", "run", "cleanup"},
        {"rc2-none", "run", "run"},
        {"cleanup-success", "cleanup", "shutdown"},
        {"cleanup-none", "cleanup", "shutdown"},
        {"cleanup-fail", "cleanup", "shutdown"},
        {"children-complete", "shutdown", "finalize"},
        {"children-none", "shutdown", "finalize"},
        {"rc3-success", "finalize", "goodbye"},
        {"rc3-none", "finalize", "goodbye"},
        {"rc3-fail", "finalize", "goodbye"},
        {"goodbye", "goodbye", "unload-builtins"},
        {"builtins-done", "unload-builtins", "exit"},
        {"builtins-unload-fail", "unload-builtins", "exit"},
    };

    private final Executor brokerThread;
    private final BrokerLog log;
    private final Runat runat;
    private final Actions actions;
    private final boolean leader;
    private final int quorumSize;
    private final java.util.Map<Message, Integer> monitorFinal = new java.util.IdentityHashMap<>();
    private int parentState = -1; // the TBON parent's state index, -1 until known
    private boolean parentError;
    private org.fluxj.formats.idset.IdSet online = new org.fluxj.formats.idset.IdSet();
    private ModuleContext.Timer quorumWarn;
    private boolean quorumWarned;
    private final List<Message> monitors = new ArrayList<>();
    private final List<Message> waiters = new ArrayList<>();
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private String state = "load-builtins";
    private long tStart = System.nanoTime();
    private int exitCode;
    private ModuleContext ctx;
    private boolean recovery;
    private String recoveryBanner;

    StateMachine(Executor brokerThread, BrokerLog log, Runat runat, Actions actions, boolean leader) {
        this(brokerThread, log, runat, actions, leader, 1);
    }

    /** @param quorumSize brokers that must be online (in broker.online) for rank 0 to leave quorum */
    StateMachine(Executor brokerThread, BrokerLog log, Runat runat, Actions actions, boolean leader,
            int quorumSize) {
        this.brokerThread = brokerThread;
        this.log = log;
        this.runat = runat;
        this.actions = actions;
        this.leader = leader;
        this.quorumSize = quorumSize;
    }

    /**
     * broker.recovery-mode: a failing rc1 does not end the instance (rc1-ignorefail), and the
     * interactive initial program is first shown {@code banner} (none if null).
     */
    void recoveryMode(String banner) {
        recovery = true;
        recoveryBanner = banner;
    }

    @Override
    public String name() {
        return "state-machine";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("state-machine.get", Roles.ALL, m -> {
            ObjectNode o = Json.object();
            o.put("state", state);
            o.put("duration", (System.nanoTime() - tStart) / 1e9);
            ctx.respond(m, o);
        });
        ctx.onRequest("state-machine.monitor", Roles.ALL, m -> {
            ctx.respond(m, stateObject());
            if (m.isStreaming()) {
                int fin = -1;
                var f = m.hasPayload() ? m.payloadObject().get("final") : null;
                if (f != null && f.isIntegralNumber()) {
                    fin = f.asInt();
                }
                if (fin >= 0 && STATES.indexOf(state) >= fin) {
                    ctx.respondError(m, Errno.ENODATA.number(), null);
                } else {
                    monitors.add(m);
                    monitorFinal.put(m, fin);
                }
            }
        });
        ctx.onRequest("state-machine.wait", Roles.ALL, m -> {
            waiters.add(m);
            notifyWaiters();
        });
        ctx.onRequest("state-machine.disconnect", Roles.ALL, m -> {
            monitors.removeIf(r -> r.routeFirst() != null && r.routeFirst().equals(m.routeFirst()));
            waiters.removeIf(r -> r.routeFirst() != null && r.routeFirst().equals(m.routeFirst()));
        });
    }

    public String state() {
        return state;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Records an exit code for the broker (the first nonzero one wins, as flux-core's exit_rc). */
    void setExitCode(int code) {
        if (exitCode == 0) {
            exitCode = code;
        }
    }

    /** Calls {@code listener} on the broker thread after each transition, with the new state. */
    void onTransition(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Enters the first state. */
    void kickoff() {
        brokerThread.execute(() -> {
            tStart = System.nanoTime();
            action(state);
        });
    }

    /** Posts an event from any thread; it is processed on the broker thread. */
    public void post(String event) {
        brokerThread.execute(() -> process(event));
    }

    private void process(String event) {
        String next = null;
        for (String[] row : NEXT) {
            if (row[0].equals(event) && row[1].equals(state)) {
                next = row[2];
                break;
            }
        }
        if (next == null || next.equals(state)) {
            log.log(Severity.DEBUG, "broker", event + ": ignored in " + state);
            return;
        }
        double elapsed = (System.nanoTime() - tStart) / 1e9;
        log.log(Severity.INFO, "broker", event + ": " + state + "->" + next + " " + Fsd.format(elapsed));
        tStart = System.nanoTime();
        state = next;
        action(next);
        listeners.forEach(l -> l.accept(state));
        int now = STATES.indexOf(state);
        for (java.util.Iterator<Message> it = monitors.iterator(); it.hasNext(); ) {
            Message m = it.next();
            ctx.respond(m, stateObject());
            Integer fin = monitorFinal.get(m);
            if (fin != null && fin >= 0 && now >= fin) {
                ctx.respondError(m, Errno.ENODATA.number(), null);
                it.remove();
                monitorFinal.remove(m);
            }
        }
        notifyWaiters();
    }

    private ObjectNode stateObject() {
        ObjectNode o = Json.object();
        o.put("state", STATES.indexOf(state));
        return o;
    }

    private void notifyWaiters() {
        int now = STATES.indexOf(state);
        waiters.removeIf(m -> {
            int want;
            try {
                want = STATES.indexOf(m.payloadObject().path("state").asText());
            } catch (Exception e) {
                ctx.respondError(m, Errno.EPROTO.number(), null);
                return true;
            }
            if (want < 0) {
                ctx.respondError(m, Errno.EINVAL.number(), "unknown state");
                return true;
            }
            if (now >= want) {
                ctx.respond(m, null);
                return true;
            }
            return false;
        });
    }

    private void action(String s) {
        switch (s) {
            case "load-builtins" -> actions.loadBuiltins();
            case "join" -> actions.join();
            case "config-sync" -> {
                if (leader) {
                    post("sync-none");
                } else {
                    actions.configSync();
                }
            }
            case "init" -> phase("rc1");
            case "quorum" -> quorum();
            case "run" -> {
                if (!leader) {
                    runCheckParent();
                } else if (runat.isDefined("rc2")) {
                    if (recoveryBanner != null) {
                        System.out.print(recoveryBanner);
                        System.out.flush();
                    }
                    runat.start("rc2", rc -> brokerThread.execute(() -> {
                        if (state.equals("run")) { // not killed by a shutdown
                            setExitCode(rc);
                        }
                        process(rc == 0 ? "rc2-success" : "rc2-fail");
                    }));
                } else {
                    post("rc2-none");
                }
            }
            case "cleanup" -> phase("cleanup");
            case "shutdown" -> actions.childrenShutdown();
            case "finalize" -> phase("rc3");
            case "goodbye" -> actions.goodbye();
            case "unload-builtins" -> actions.unloadBuiltins();
            case "exit" -> actions.exit(exitCode);
            default -> { }
        }
    }

    // ---------------------------------------------------------------- TBON parent and quorum

    /**
     * Follows the TBON parent's state (rank &gt; 0, once the overlay has said hello): a streaming
     * state-machine.monitor upstream, up to the parent's shutdown state, as flux-core's broker does.
     */
    void monitorParent() {
        brokerThread.execute(() -> {
            ObjectNode o = Json.object();
            o.put("final", STATES.indexOf("shutdown"));
            ctx.rpc("state-machine.monitor", Message.NODEID_UPSTREAM, o, org.fluxj.formats.msg.MessageFlags.STREAMING)
                    .stream(m -> {
                        try {
                            parentState = m.payloadObject().path("state").asInt(-1);
                        } catch (org.fluxj.formats.FormatException e) {
                            return;
                        }
                        checkParent();
                    }).whenComplete((v, e) -> {
                        if (e != null) {
                            log.log(Severity.ERR, "broker", "state-machine.monitor: " + e.getMessage());
                            parentError = true;
                            checkParent();
                        }
                    });
        });
    }

    /** The parent went away (overlay disconnect or refused hello): flux-core's parent-fail. */
    void parentLost() {
        brokerThread.execute(() -> {
            parentError = true;
            setExitCode(1);
            switch (state) {
                case "join", "run" -> process("parent-fail");
                case "quorum" -> process("quorum-fail");
                default -> { }
            }
        });
    }

    private void checkParent() {
        switch (state) {
            case "join" -> joinCheckParent();
            case "quorum" -> quorumCheckParent();
            case "run" -> runCheckParent();
            default -> { }
        }
    }

    private String parentStateName() {
        return parentState >= 0 && parentState < STATES.size() ? STATES.get(parentState) : "";
    }

    private void joinCheckParent() {
        if (parentError) {
            post("parent-fail");
            return;
        }
        switch (parentStateName()) {
            case "quorum", "run" -> post("parent-ready");
            case "cleanup", "shutdown", "finalize", "goodbye", "unload-builtins", "exit" -> post("parent-fail");
            default -> { }
        }
    }

    private void quorumCheckParent() {
        if (parentError) {
            post("quorum-fail");
            return;
        }
        switch (parentStateName()) {
            case "init", "run" -> post("quorum-full");
            case "cleanup", "shutdown", "finalize", "goodbye", "unload-builtins", "exit" -> post("quorum-fail");
            default -> { }
        }
    }

    private void runCheckParent() {
        if (parentError) {
            post("parent-fail");
            return;
        }
        switch (parentStateName()) {
            case "shutdown" -> post("shutdown");
            case "finalize", "goodbye", "unload-builtins", "exit" -> post("parent-fail");
            default -> { }
        }
    }

    /** Joins broker.online; rank 0 waits for the group to hold the quorum, the others for their parent. */
    private void quorum() {
        ObjectNode join = Json.object().put("name", "broker.online");
        ctx.rpc("groups.join", join).response().whenComplete((m, e) -> {
            if (e != null) {
                log.log(Severity.ERR, "broker", "groups.join: " + e.getMessage());
                post("quorum-fail");
            }
        });
        if (!leader) {
            quorumCheckParent();
            return;
        }
        ObjectNode get = Json.object().put("name", "broker.online");
        ctx.rpc("groups.get", Message.NODEID_ANY, get, org.fluxj.formats.msg.MessageFlags.STREAMING)
                .stream(this::brokerOnline).whenComplete((v, e) -> {
                    if (e != null) {
                        log.log(Severity.ERR, "broker", "groups.get failed: " + e.getMessage());
                        post("quorum-fail");
                    }
                });
        double warn = quorumWarnSeconds();
        if (warn > 0) {
            quorumWarn = ctx.schedule(java.time.Duration.ofMillis((long) (warn * 1000)), () -> warnQuorum(warn));
        }
    }

    private void brokerOnline(Message m) {
        org.fluxj.formats.idset.IdSet ids;
        String members;
        try {
            members = m.payloadObject().path("members").asText("");
            ids = org.fluxj.formats.idset.IdSet.decode(members);
        } catch (org.fluxj.formats.FormatException e) {
            log.log(Severity.ERR, "broker", "groups.get failed: " + e.getMessage());
            post("quorum-fail");
            return;
        }
        org.fluxj.formats.idset.IdSet previous = online;
        online = ids;
        boolean reached = ids.count() >= quorumSize;
        if (state.equals("quorum") && reached) {
            if (!members.isEmpty()) {
                log.log(Severity.INFO, "broker", "online: " + hosts(ids) + " (ranks " + members + ")");
            }
            if (quorumWarn != null) {
                quorumWarn.cancel();
            }
            if (quorumWarned) {
                log.log(Severity.ERR, "broker", "quorum reached");
                quorumWarned = false;
            }
            process("quorum-full");
        } else if (state.equals("run") || state.equals("cleanup")) {
            org.fluxj.formats.idset.IdSet loss = previous.difference(ids);
            if (!loss.isEmpty()) {
                String ranks = loss.encode(org.fluxj.formats.idset.IdSet.Flag.RANGE);
                log.log(Severity.ERR, "broker", "dead to Flux: " + hosts(loss) + " (rank " + ranks + ")");
            }
        }
    }

    private void warnQuorum(double period) {
        if (!state.equals("quorum")) {
            return;
        }
        org.fluxj.formats.idset.IdSet all = org.fluxj.formats.idset.IdSet.range(0, ctx.size() - 1);
        org.fluxj.formats.idset.IdSet missing = all.difference(online);
        log.log(Severity.ERR, "broker", "quorum delayed: waiting for " + hosts(missing) + " (rank "
                + missing.encode(org.fluxj.formats.idset.IdSet.Flag.RANGE) + ")");
        quorumWarned = true;
        quorumWarn = ctx.schedule(java.time.Duration.ofMillis((long) (period * 1000)), () -> warnQuorum(period));
    }

    private double quorumWarnSeconds() {
        String v = ctx.attribute("broker.quorum-warn").orElse("1m");
        if (v.equals("none")) {
            return -1;
        }
        try {
            return Fsd.parse(v);
        } catch (org.fluxj.formats.FormatException e) {
            return 60;
        }
    }

    /** The hosts of some ranks, as a hostlist (the ranks themselves if the hostlist is unknown). */
    private String hosts(org.fluxj.formats.idset.IdSet ranks) {
        try {
            org.fluxj.formats.hostlist.Hostlist all = org.fluxj.formats.hostlist.Hostlist.decode(
                    ctx.attribute("hostlist").orElse(""));
            org.fluxj.formats.hostlist.Hostlist out = new org.fluxj.formats.hostlist.Hostlist();
            for (int r : ranks) {
                if (r < all.count()) {
                    out.append(all.nth(r));
                }
            }
            return out.encode();
        } catch (org.fluxj.formats.FormatException e) {
            return ranks.encode(org.fluxj.formats.idset.IdSet.Flag.RANGE);
        }
    }

    private void phase(String name) {
        if (!runat.isDefined(name)) {
            post(name + "-none");
            return;
        }
        runat.start(name, rc -> {
            if (rc != 0 && recovery && name.equals("rc1")) {
                post("rc1-ignorefail");
                return;
            }
            if (rc != 0) {
                setExitCode(rc);
            }
            post(name + (rc == 0 ? "-success" : "-fail"));
        });
    }

    /** A {@code shutdown} request: leave the run state, aborting the initial program. */
    boolean shutdown() {
        if (!state.equals("run")) {
            return false;
        }
        runat.abort("rc2");
        post("shutdown");
        return true;
    }
}
