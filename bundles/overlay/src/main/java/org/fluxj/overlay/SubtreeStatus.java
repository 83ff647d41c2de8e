package org.fluxj.overlay;

import java.util.Collection;
import java.util.Locale;

/**
 * A broker's view of a subtree's health, as flux-core's overlay names and numbers it (the numbers travel in
 * CONTROL_STATUS messages from child to parent).
 *
 * <ul>
 * <li>{@link #FULL}: online, and no child is partial, offline, degraded or lost.</li>
 * <li>{@link #PARTIAL}: online, some children partial or offline, none degraded or lost.</li>
 * <li>{@link #DEGRADED}: online, some children degraded or lost.</li>
 * <li>{@link #LOST}: gone missing, from the parent's point of view.</li>
 * <li>{@link #OFFLINE}: not yet joined, or shut down cleanly.</li>
 * </ul>
 */
public enum SubtreeStatus {
    UNKNOWN(0), FULL(1), PARTIAL(2), DEGRADED(3), LOST(4), OFFLINE(5);

    private final int code;

    SubtreeStatus(int code) {
        this.code = code;
    }

    /** The number sent in a CONTROL_STATUS message. */
    public int code() {
        return code;
    }

    /** The name {@code flux overlay status} prints ("full", "lost", ...). */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a subtree in this state is connected (full, partial or degraded). */
    public boolean isOnline() {
        return this == FULL || this == PARTIAL || this == DEGRADED;
    }

    /** The status with this code, or {@link #UNKNOWN} for a code outside 0..5. */
    public static SubtreeStatus of(int code) {
        for (SubtreeStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }


    /**
     * An online broker's own status from its children's ({@code subtree_status_update}): full unless a child is
     * partial or offline (partial), or degraded or lost (degraded). A leaf is full.
     */
    public static SubtreeStatus of(Collection<SubtreeStatus> children) {
        SubtreeStatus status = FULL;
        for (SubtreeStatus c : children) {
            switch (c) {
                case PARTIAL, OFFLINE -> {
                    if (status == FULL) {
                        status = PARTIAL;
                    }
                }
                case DEGRADED, LOST -> status = DEGRADED;
                default -> {
                }
            }
        }
        return status;
    }
}
