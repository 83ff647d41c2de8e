package org.fluxj.kernel;

import java.util.concurrent.CompletableFuture;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.BrokerModule;

/**
 * The seam between the router and the tree-based overlay network (TBON). A bootstrap that
 * finds peers hands one over in its {@link Bootstrap.BootInfo}; one may also be provided as a
 * DS service; a singleton broker runs without one. The router calls the routing methods from
 * the broker thread; the overlay hands what arrives from its peers to
 * {@link OverlayHost#receive}.
 *
 * <p>Route stacks: the overlay pushes and pops its own hop identities, so a message it hands
 * to {@link OverlayHost#receive} looks like one that arrived from a local endpoint (a request
 * with its sender's hops pushed, a response with the hop for this broker already popped).
 *
 * <p>Life cycle (the default methods; a plain port has no tree to manage): the state machine
 * waits for {@link #parentReady()} in its join state, counts {@link #onlineChildren()} in its
 * shutdown state (the overlay reports changes through {@link OverlayHost#childChanged}), says
 * {@link #goodbye()} to the parent in its goodbye state, and calls {@link #refuseChildren()}
 * once the instance is shutting down.
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

    /**
     * Forwards an event sequenced on this broker (rank 0) to every child. Events that arrive
     * from the parent are forwarded down by the overlay itself before the router sees them.
     */
    void publishDown(Message event);

    /** Completes when the parent has accepted this broker (at once without a parent). */
    default CompletableFuture<Void> parentReady() {
        return CompletableFuture.completedFuture(null);
    }

    /** The number of direct children that are online (full, partial or degraded). */
    default int onlineChildren() {
        return 0;
    }

    /** Tells the parent this broker is leaving cleanly; completes when it has answered. */
    default CompletableFuture<Void> goodbye() {
        return CompletableFuture.completedFuture(null);
    }

    /** From now on, children saying hello are refused (the instance is shutting down). */
    default void refuseChildren() {
    }

    /** The overlay's own services ({@code overlay.*}), hosted as a built-in module, or null. */
    default BrokerModule services() {
        return null;
    }

    /** Stops the overlay at broker exit. */
    default void close() {
    }
}
