package org.fluxj.kernel;

import org.fluxj.formats.msg.Message;

/** What the overlay sees of its broker (see {@link OverlayPort}). */
public interface OverlayHost {

    /** This broker's parameters (rank, size, attributes given on the command line). */
    BrokerParams params();

    /** The broker attributes; the overlay sets {@code tbon.*} here. */
    Attributes attributes();

    /**
     * Hands over a message that arrived from a peer: a request to route (to a local service
     * or onward), a response to deliver along its route stack, or an event from the parent
     * to deliver locally (the overlay has passed it down already).
     */
    void receive(Message message);

    /** Logs to the broker's ring buffer under the overlay's name. */
    void log(int severity, String text);

    /**
     * A direct child changed state: {@code status} is flux-core's name for it ("full", "lost",
     * "offline", ...), {@code subtree} the ranks it routes for (its own included), as an idset.
     * Called from the overlay's thread.
     */
    default void childChanged(int rank, String status, String subtree) {
    }

    /** The parent refused or disconnected this broker (flux-core's "parent-fail"). */
    default void parentLost(String reason) {
    }
}
