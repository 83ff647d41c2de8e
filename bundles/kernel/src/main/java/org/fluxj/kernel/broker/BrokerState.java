package org.fluxj.kernel.broker;

/**
 * The broker's states (flux-core state_machine.c), in order: a state's ordinal is the number
 * {@code state-machine.monitor} reports and {@code final} compares against.
 */
public enum BrokerState {
    LOAD_BUILTINS("load-builtins"),
    JOIN("join"),
    CONFIG_SYNC("config-sync"),
    INIT("init"),
    QUORUM("quorum"),
    RUN("run"),
    CLEANUP("cleanup"),
    SHUTDOWN("shutdown"),
    FINALIZE("finalize"),
    GOODBYE("goodbye"),
    UNLOAD_BUILTINS("unload-builtins"),
    EXIT("exit");

    private static final BrokerState[] ALL = values();
    private final String text;

    BrokerState(String text) {
        this.text = text;
    }

    /** The name flux-core gives the state ({@code flux startlog}, the transition log lines). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The state of this name, or null. */
    public static BrokerState of(String name) {
        for (BrokerState s : ALL) {
            if (s.text.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The state of this number, or null. */
    public static BrokerState ofIndex(int index) {
        return index >= 0 && index < ALL.length ? ALL[index] : null;
    }

    /** At or past {@code other} in the order of states. */
    public boolean atLeast(BrokerState other) {
        return ordinal() >= other.ordinal();
    }
}
