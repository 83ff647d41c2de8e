package org.fluxj.formats.job;

import java.util.Locale;

/** The job states of RFC 21, with flux-core's names and bit values ({@code flux_job_state_t}). */
public enum JobState {
    NEW(1), DEPEND(2), PRIORITY(4), SCHED(8), RUN(16), CLEANUP(32), INACTIVE(64);

    /** DEPEND, PRIORITY and SCHED. */
    public static final int PENDING = 14;
    /** RUN and CLEANUP. */
    public static final int RUNNING = 48;
    /** PENDING and RUNNING. */
    public static final int ACTIVE = 62;

    public final int bit;

    JobState(int bit) {
        this.bit = bit;
    }

    /**
     * The mask a state name selects, as {@code flux cancel -S} and {@code flux jobs -f} read
     * them: a state, or {@code pending}, {@code running}, {@code active}; -1 if none.
     */
    public static int mask(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "pending":
                return PENDING;
            case "running":
                return RUNNING;
            case "active":
                return ACTIVE;
            default:
                for (JobState s : values()) {
                    if (s.name().toLowerCase(Locale.ROOT).equals(n)) {
                        return s.bit;
                    }
                }
                return -1;
        }
    }
}
