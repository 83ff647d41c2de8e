package org.fluxj.itest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An instance of N brokers: {@code bin/flux start --test-size=N OPTIONS} (see {@link Instance});
 * its URI is printed once all brokers are online (the default quorum). Each broker also listens
 * on its own socket, {@code local://RUNDIR/local-RANK}.
 */
final class TestInstance extends Instance {
    private final int size;

    TestInstance(int size, List<String> options, Map<String, String> env) throws IOException {
        super(launch(size, options), env);
        this.size = size;
    }

    TestInstance(List<String> wrapper, int size, List<String> options) throws IOException {
        super(wrapper, launch(size, options), Map.of());
        this.size = size;
    }

    TestInstance(int size, String... options) throws IOException {
        this(size, List.of(options), Map.of());
    }

    private static List<String> launch(int size, List<String> options) {
        List<String> launch = new ArrayList<>(List.of("start", "--test-size=" + size));
        launch.addAll(options);
        return launch;
    }

    int size() {
        return size;
    }

    /** The local URI of a broker: its socket is {@code local-RANK} beside rank 0's. */
    String uri(int rank) {
        return uri().substring(0, uri().lastIndexOf('-') + 1) + rank;
    }

    Path rundir() {
        return Path.of(uri().substring("local://".length())).getParent();
    }

    FluxCli.Result fluxAt(int rank, String... args) {
        return FluxCli.runWithInput(null, Map.of("FLUX_URI", uri(rank)), args);
    }

    /** Polls {@code condition} until it holds; fails the test after WAIT_SECONDS. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
