package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.kernel.Bootstrap;

/**
 * flux-core's broker/bootstrap.c: which bootstrap method a broker uses, and the {@link Bootstrap}
 * DS service (of the overlay bundle) that provides it, waited for if it has not appeared yet.
 */
final class Bootstraps {
    private final List<Bootstrap> bound = new ArrayList<>(); // guarded by itself

    void add(Bootstrap b) {
        synchronized (bound) {
            bound.add(b);
            bound.notifyAll();
        }
    }

    void remove(Bootstrap b) {
        synchronized (bound) {
            bound.remove(b);
        }
    }

    /** The service of {@code method}, once it is there. */
    Bootstrap await(String method) throws InterruptedException {
        synchronized (bound) {
            while (true) {
                for (Bootstrap b : bound) {
                    if (b.method().equals(method)) {
                        return b;
                    }
                }
                bound.wait(); // until the bootstrap bundle's service appears
            }
        }
    }

    /**
     * The bootstrap method, as flux-core chooses it: the one {@code broker.boot-method} (or the
     * launcher) names, else "config" when the configuration has a [bootstrap] table, else the
     * first of FLUX_PMI_CLIENT_METHODS (default "simple single") that can work here: "simple"
     * when a PMI server is named in the environment, "single" (a singleton) always.
     */
    static String method(String named, ObjectNode conf) throws FormatException {
        if (named != null && !named.isEmpty()) {
            if (!List.of("config", "simple", "single").contains(named)) {
                throw new FormatException("plugin matching '" + named + "' not found");
            }
            return named;
        }
        if (conf != null && conf.has("bootstrap")) {
            return "config";
        }
        String methods = System.getenv().getOrDefault("FLUX_PMI_CLIENT_METHODS", "simple single");
        for (String m : methods.strip().split("\\s+")) {
            if (m.equals("simple") && (System.getenv("FLUX_PMI_SOCKET") != null || System.getenv("PMI_PORT") != null)) {
                return "simple";
            } else if (m.equals("single")) {
                return "single";
            }
        }
        throw new FormatException("no PMI client method of '" + methods + "' works here");
    }
}
