package org.fluxj.overlay;

import org.fluxj.formats.msg.Message;

/**
 * What an {@link Overlay} tells its broker. Every callback runs on the overlay's own thread: it must not block,
 * and it may call back into the overlay (sends are queued). An exception thrown by a callback is logged through
 * {@link #log} and otherwise ignored.
 */
public interface OverlayListener {
    /**
     * A message arrived from a peer, for the broker to route: a request or response from the parent or a child,
     * an event from the parent (already forwarded to the children; its route stack disabled), or on rank 0 an
     * event from below to be sequenced and published. Responses from a child have had the overlay's two routes
     * popped, so {@link Message#routeLast()} names the next hop.
     */
    void onMessage(Message msg, Overlay.Peer from);

    /** A direct child's status or torpidity changed. */
    default void onChildStatus(Overlay.ChildInfo child) {
    }

    /** This broker's own subtree status changed (it has been sent to the parent). */
    default void onStatus(SubtreeStatus status) {
    }

    /**
     * The parent refused this broker (failed overlay.hello) or told it to disconnect; nothing more can be sent
     * upstream. flux-core's broker exits on this ("parent-fail").
     */
    default void onParentLost(String reason) {
    }

    /** A log line at a syslog {@link org.fluxj.kernel.api.Severity}, for the broker's log ring buffer. */
    default void log(int severity, String text) {
    }
}
