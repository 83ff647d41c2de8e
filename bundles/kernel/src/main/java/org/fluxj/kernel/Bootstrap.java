package org.fluxj.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.kernel.api.BrokerModule;

/**
 * The seam for bootstrap methods: the singleton, PMI for {@code flux start}, a
 * {@code [bootstrap]} table for a configured system instance. The overlay bundle provides
 * each as a DS service; the broker picks the method (the framework property
 * {@code fluxj.boot-method} if the launcher names one, else "config" when the configuration has
 * a {@code [bootstrap]} table, else "simple" when a PMI server is named in the environment, else
 * the singleton), waits for the service whose {@link #method()} it is, then calls {@link #boot}
 * once, off the DS thread, before its state machine runs.
 */
public interface Bootstrap {

    /** The method's name, as the {@code broker.boot-method} attribute shows it. */
    String method();

    /**
     * Determines this broker's place in the instance; may block while peers are exchanged.
     * It may set attributes ({@code hostlist}, {@code tbon.*}, ...) and must not set
     * {@code rank} or {@code size}, which the broker sets from the result.
     *
     * @param config the instance configuration (every TOML file merged) as JSON, never null
     */
    BootInfo boot(BrokerParams params, Attributes attributes, JsonNode config) throws Exception;

    /**
     * What a bootstrap found: this broker's rank, the instance size and its hosts (RFC 29), and
     * the overlay it set up for them (null for a singleton). The broker attaches that overlay
     * and routes through it (see {@link OverlayPort}). {@code services} is the {@code overlay.*}
     * service of a broker without an overlay (the overlay's own {@link OverlayPort#services()}
     * otherwise), or null.
     */
    record BootInfo(int rank, int size, String hostlist, OverlayPort overlay, BrokerModule services) {
        public BootInfo(int rank, int size, String hostlist) {
            this(rank, size, hostlist, null, null);
        }

        public BootInfo(int rank, int size, String hostlist, OverlayPort overlay) {
            this(rank, size, hostlist, overlay, null);
        }
    }
}
