package org.fluxj.kernel;

import org.fluxj.formats.msg.Message;

/** What the overlay sees of its broker (see {@link OverlayPort}). */
public interface OverlayHost {

    /** This broker's parameters (rank, size, attributes given on the command line). */
    BrokerParams params();

    /** The broker attributes; the overlay sets {@code tbon.*} and {@code parent-uri} here. */
    Attributes attributes();

    /**
     * Hands over a message that arrived from a peer: a request to route (to a local service
     * or onward), a response to deliver along its route stack, or an event from the parent
     * to deliver locally and pass down.
     */
    void receive(Message message);

    /** Logs to the broker's ring buffer under the overlay's name. */
    void log(int severity, String text);
}
