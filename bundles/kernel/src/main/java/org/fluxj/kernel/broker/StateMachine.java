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

        void quorum(); // posts quorum-full or quorum-fail

        void childrenShutdown(); // posts children-none or children-complete

        void unloadBuiltins(); // posts builtins-done

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
    private final List<Message> monitors = new ArrayList<>();
    private final List<Message> waiters = new ArrayList<>();
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private String state = "load-builtins";
    private long tStart = System.nanoTime();
    private int exitCode;
    private ModuleContext ctx;

    StateMachine(Executor brokerThread, BrokerLog log, Runat runat, Actions actions, boolean leader) {
        this.brokerThread = brokerThread;
        this.log = log;
        this.runat = runat;
        this.actions = actions;
        this.leader = leader;
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
                monitors.add(m);
            }
        });
        ctx.onRequest("state-machine.wait", Roles.ALL, m -> {
            waiters.add(m);
            notifyWaiters();
        });
        ctx.onRequest("state-machine.disconnect", Roles.ALL, m -> {
            monitors.removeIf(r -> r.routes().equals(m.routes()));
            waiters.removeIf(r -> r.routes().equals(m.routes()));
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
        for (Message m : monitors) {
            ctx.respond(m, stateObject());
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
            case "config-sync" -> post(leader ? "sync-none" : "sync-success");
            case "init" -> phase("rc1");
            case "quorum" -> actions.quorum();
            case "run" -> {
                if (runat.isDefined("rc2")) {
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
            case "cleanup" -> post("cleanup-none");
            case "shutdown" -> actions.childrenShutdown();
            case "finalize" -> phase("rc3");
            case "goodbye" -> post("goodbye");
            case "unload-builtins" -> actions.unloadBuiltins();
            case "exit" -> actions.exit(exitCode);
            default -> { }
        }
    }

    private void phase(String name) {
        if (!runat.isDefined(name)) {
            post(name + "-none");
            return;
        }
        runat.start(name, rc -> {
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
