package org.fluxj.kernel.broker;

import static org.fluxj.kernel.broker.BrokerState.CLEANUP;
import static org.fluxj.kernel.broker.BrokerState.CONFIG_SYNC;
import static org.fluxj.kernel.broker.BrokerState.EXIT;
import static org.fluxj.kernel.broker.BrokerState.FINALIZE;
import static org.fluxj.kernel.broker.BrokerState.GOODBYE;
import static org.fluxj.kernel.broker.BrokerState.INIT;
import static org.fluxj.kernel.broker.BrokerState.JOIN;
import static org.fluxj.kernel.broker.BrokerState.LOAD_BUILTINS;
import static org.fluxj.kernel.broker.BrokerState.QUORUM;
import static org.fluxj.kernel.broker.BrokerState.RUN;
import static org.fluxj.kernel.broker.BrokerState.SHUTDOWN;
import static org.fluxj.kernel.broker.BrokerState.UNLOAD_BUILTINS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
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

    /** One transition: {@code event} in state {@code from} leads to {@code to}. */
    private record Transition(String event, BrokerState from, BrokerState to) {
    }

    private static final List<Transition> NEXT = List.of(
        new Transition("builtins-success", LOAD_BUILTINS, JOIN),
        new Transition("builtins-fail", LOAD_BUILTINS, UNLOAD_BUILTINS),
        new Transition("parent-ready", JOIN, CONFIG_SYNC),
        new Transition("parent-none", JOIN, CONFIG_SYNC),
        new Transition("parent-fail", JOIN, SHUTDOWN),
        new Transition("sync-success", CONFIG_SYNC, INIT),
        new Transition("sync-none", CONFIG_SYNC, INIT),
        new Transition("sync-fail", CONFIG_SYNC, SHUTDOWN),
        new Transition("rc1-success", INIT, QUORUM),
        new Transition("rc1-none", INIT, QUORUM),
        new Transition("rc1-ignorefail", INIT, QUORUM),
        new Transition("rc1-fail", INIT, SHUTDOWN),
        new Transition("panic", INIT, SHUTDOWN),
        new Transition("quorum-full", QUORUM, RUN),
        new Transition("quorum-fail", QUORUM, SHUTDOWN),
        new Transition("panic", QUORUM, SHUTDOWN),
        new Transition("rc2-success", RUN, CLEANUP),
        new Transition("rc2-fail", RUN, CLEANUP),
        new Transition("panic", RUN, SHUTDOWN),
        new Transition("shutdown", RUN, CLEANUP),
        new Transition("parent-fail", RUN, CLEANUP),
        new Transition("rc2-none", RUN, RUN),
        new Transition("cleanup-success", CLEANUP, SHUTDOWN),
        new Transition("cleanup-none", CLEANUP, SHUTDOWN),
        new Transition("cleanup-fail", CLEANUP, SHUTDOWN),
        new Transition("children-complete", SHUTDOWN, FINALIZE),
        new Transition("children-none", SHUTDOWN, FINALIZE),
        new Transition("rc3-success", FINALIZE, GOODBYE),
        new Transition("rc3-none", FINALIZE, GOODBYE),
        new Transition("rc3-fail", FINALIZE, GOODBYE),
        new Transition("goodbye", GOODBYE, UNLOAD_BUILTINS),
        new Transition("builtins-done", UNLOAD_BUILTINS, EXIT),
        new Transition("builtins-unload-fail", UNLOAD_BUILTINS, EXIT));

    private final Executor brokerThread;
    private final BrokerLog log;
    private final Runat runat;
    private final Actions actions;
    private final boolean leader;
    private final int quorumSize;
    private final Map<Message, Integer> monitorFinal = new IdentityHashMap<>();
    private int parentState = -1; // the TBON parent's state index, -1 until known
    private boolean parentError;
    private IdSet online = new IdSet();
    private ModuleContext.Timer quorumWarn;
    private boolean quorumWarned;
    private final List<Message> monitors = new ArrayList<>();
    private final List<Message> waiters = new ArrayList<>();
    private final List<Consumer<BrokerState>> listeners = new ArrayList<>();
    private BrokerState state = LOAD_BUILTINS;
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
            o.put("state", state.text());
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
                if (fin >= 0 && state.ordinal() >= fin) {
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

    public BrokerState state() {
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
    void onTransition(Consumer<BrokerState> listener) {
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
        BrokerState next = null;
        for (Transition t : NEXT) {
            if (t.event().equals(event) && t.from() == state) {
                next = t.to();
                break;
            }
        }
        if (next == null || next == state) {
            log.log(Severity.DEBUG, "broker", event + ": ignored in " + state);
            return;
        }
        double elapsed = (System.nanoTime() - tStart) / 1e9;
        log.log(Severity.INFO, "broker", event + ": " + state + "->" + next + " " + Fsd.format(elapsed));
        tStart = System.nanoTime();
        state = next;
        action(next);
        listeners.forEach(l -> l.accept(state));
        int now = state.ordinal();
        for (Iterator<Message> it = monitors.iterator(); it.hasNext(); ) {
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
        o.put("state", state.ordinal());
        return o;
    }

    private void notifyWaiters() {
        waiters.removeIf(m -> {
            BrokerState want;
            try {
                want = BrokerState.of(m.payloadObject().path("state").asText());
            } catch (Exception e) {
                ctx.respondError(m, Errno.EPROTO.number(), null);
                return true;
            }
            if (want == null) {
                ctx.respondError(m, Errno.EINVAL.number(), "unknown state");
                return true;
            }
            if (state.atLeast(want)) {
                ctx.respond(m, null);
                return true;
            }
            return false;
        });
    }

    private void action(BrokerState s) {
        switch (s) {
            case LOAD_BUILTINS -> actions.loadBuiltins();
            case JOIN -> actions.join();
            case CONFIG_SYNC -> {
                if (leader) {
                    post("sync-none");
                } else {
                    actions.configSync();
                }
            }
            case INIT -> phase("rc1");
            case QUORUM -> quorum();
            case RUN -> {
                if (!leader) {
                    runCheckParent();
                } else if (runat.isDefined("rc2")) {
                    if (recoveryBanner != null) {
                        System.out.print(recoveryBanner);
                        System.out.flush();
                    }
                    runat.start("rc2", rc -> brokerThread.execute(() -> {
                        if (state == RUN) { // not killed by a shutdown
                            setExitCode(rc);
                        }
                        process(rc == 0 ? "rc2-success" : "rc2-fail");
                    }));
                } else {
                    post("rc2-none");
                }
            }
            case CLEANUP -> phase("cleanup");
            case SHUTDOWN -> actions.childrenShutdown();
            case FINALIZE -> phase("rc3");
            case GOODBYE -> actions.goodbye();
            case UNLOAD_BUILTINS -> actions.unloadBuiltins();
            case EXIT -> actions.exit(exitCode);
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
            o.put("final", SHUTDOWN.ordinal());
            ctx.rpc("state-machine.monitor", Message.NODEID_UPSTREAM, o, MessageFlags.STREAMING)
                    .stream(m -> {
                        try {
                            parentState = m.payloadObject().path("state").asInt(-1);
                        } catch (FormatException e) {
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
                case JOIN, RUN -> process("parent-fail");
                case QUORUM -> process("quorum-fail");
                default -> { }
            }
        });
    }

    private void checkParent() {
        switch (state) {
            case JOIN -> joinCheckParent();
            case QUORUM -> quorumCheckParent();
            case RUN -> runCheckParent();
            default -> { }
        }
    }

    /** The parent's state, or null while unknown. */
    private BrokerState parentState() {
        return BrokerState.ofIndex(parentState);
    }

    private void joinCheckParent() {
        if (parentError) {
            post("parent-fail");
            return;
        }
        BrokerState p = parentState();
        if (p == QUORUM || p == RUN) {
            post("parent-ready");
        } else if (p != null && p.atLeast(CLEANUP)) {
            post("parent-fail");
        }
    }

    private void quorumCheckParent() {
        if (parentError) {
            post("quorum-fail");
            return;
        }
        BrokerState p = parentState();
        if (p == INIT || p == RUN) {
            post("quorum-full");
        } else if (p != null && p.atLeast(CLEANUP)) {
            post("quorum-fail");
        }
    }

    private void runCheckParent() {
        if (parentError) {
            post("parent-fail");
            return;
        }
        BrokerState p = parentState();
        if (p == SHUTDOWN) {
            post("shutdown");
        } else if (p != null && p.atLeast(FINALIZE)) {
            post("parent-fail");
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
        ctx.rpc("groups.get", Message.NODEID_ANY, get, MessageFlags.STREAMING)
                .stream(this::brokerOnline).whenComplete((v, e) -> {
                    if (e != null) {
                        log.log(Severity.ERR, "broker", "groups.get failed: " + e.getMessage());
                        post("quorum-fail");
                    }
                });
        double warn = quorumWarnSeconds();
        if (warn > 0) {
            quorumWarn = ctx.schedule(Duration.ofMillis((long) (warn * 1000)), () -> warnQuorum(warn));
        }
    }

    private void brokerOnline(Message m) {
        IdSet ids;
        String members;
        try {
            members = m.payloadObject().path("members").asText("");
            ids = IdSet.decode(members);
        } catch (FormatException e) {
            log.log(Severity.ERR, "broker", "groups.get failed: " + e.getMessage());
            post("quorum-fail");
            return;
        }
        IdSet previous = online;
        online = ids;
        boolean reached = ids.count() >= quorumSize;
        if (state == QUORUM && reached) {
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
        } else if (state == RUN || state == CLEANUP) {
            IdSet loss = previous.difference(ids);
            if (!loss.isEmpty()) {
                String ranks = loss.encode(IdSet.Flag.RANGE);
                log.log(Severity.ERR, "broker", "dead to Flux: " + hosts(loss) + " (rank " + ranks + ")");
            }
        }
    }

    private void warnQuorum(double period) {
        if (state != QUORUM) {
            return;
        }
        IdSet all = IdSet.range(0, ctx.size() - 1);
        IdSet missing = all.difference(online);
        log.log(Severity.ERR, "broker", "quorum delayed: waiting for " + hosts(missing) + " (rank "
                + missing.encode(IdSet.Flag.RANGE) + ")");
        quorumWarned = true;
        quorumWarn = ctx.schedule(Duration.ofMillis((long) (period * 1000)), () -> warnQuorum(period));
    }

    private double quorumWarnSeconds() {
        String v = ctx.attribute("broker.quorum-warn").orElse("1m");
        if (v.equals("none")) {
            return -1;
        }
        try {
            return Fsd.parse(v);
        } catch (FormatException e) {
            return 60;
        }
    }

    /** The hosts of some ranks, as a hostlist (the ranks themselves if the hostlist is unknown). */
    private String hosts(IdSet ranks) {
        try {
            Hostlist all = Hostlist.decode(
                    ctx.attribute("hostlist").orElse(""));
            Hostlist out = new Hostlist();
            for (int r : ranks) {
                if (r < all.count()) {
                    out.append(all.nth(r));
                }
            }
            return out.encode();
        } catch (FormatException e) {
            return ranks.encode(IdSet.Flag.RANGE);
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
        if (state != RUN) {
            return false;
        }
        runat.abort("rc2");
        post("shutdown");
        return true;
    }
}
