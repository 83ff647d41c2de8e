package org.fluxj.kernel;

import org.fluxj.formats.msg.Message;

/**
 * The seam between the router and the tree-based overlay network (TBON). The overlay bundle
 * package provides one as a DS service when the instance has more than one broker; a
 * singleton broker runs without one. The router calls these methods from the broker thread;
 * the overlay hands what arrives from its peers to {@link OverlayHost#receive}.
 *
 * <p>Route stacks: the overlay pushes and pops its own hop identities, so a message it hands
 * to {@link OverlayHost#receive} looks like one that arrived from a local endpoint (a request
 * with its sender's hops pushed, a response with the hop for this broker already popped).
 */
public interface OverlayPort {

    /** Called once, before any other method, with the broker the overlay is wired into. */
    void attach(OverlayHost host);

    /** Whether this broker has a parent (rank &gt; 0): requests no local service takes go there. */
    boolean hasParent();

    /** Sends a request, response or event toward the parent. */
    void sendUpstream(Message message);

    /**
     * Sends a request to another rank, up or down the tree as the topology says.
     *
     * @return false if that rank cannot be reached (the router answers EHOSTUNREACH)
     */
    boolean sendToRank(int rank, Message request);

    /**
     * Sends a response whose next hop (its last route) is not a local endpoint.
     *
     * @return false if that hop is not one of this broker's children (the response is dropped)
     */
    boolean sendDownstream(Message response);

    /** Forwards an event, already sequenced at rank 0, to every child. */
    void publishDown(Message event);

    /** Stops the overlay at broker exit. */
    default void close() {
    }
}
