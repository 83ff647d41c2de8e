package org.fluxj.kernel;

/**
 * The seam for bootstrap methods other than the singleton (PMI for {@code flux start}, a
 * {@code [bootstrap]} table for a configured system instance). A bootstrap bundle package
 * provides one as a DS service; the broker waits for the one whose {@link #method()} the
 * launcher named in the framework property {@code fluxj.boot-method}, then calls
 * {@link #boot} once, off the DS thread, before its state machine starts.
 */
public interface Bootstrap {

    /** The method's name, as the {@code broker.boot-method} attribute shows it. */
    String method();

    /**
     * Determines this broker's place in the instance; may block while peers are exchanged.
     * It may set attributes ({@code hostlist}, {@code tbon.endpoint}, ...) and must not set
     * {@code rank} or {@code size}, which the broker sets from the result.
     */
    BootInfo boot(BrokerParams params, Attributes attributes) throws Exception;

    /** What a bootstrap found: this broker's rank, the instance size and its hosts (RFC 29). */
    record BootInfo(int rank, int size, String hostlist) {
    }
}
