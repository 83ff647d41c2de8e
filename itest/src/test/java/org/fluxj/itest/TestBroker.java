package org.fluxj.itest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A size-1 instance: {@code bin/flux broker OPTIONS} (see {@link Instance}). */
final class TestBroker extends Instance {

    TestBroker(List<String> options, Map<String, String> env) throws IOException {
        super(launch(options), env);
    }

    TestBroker(String... options) throws IOException {
        this(List.of(options), Map.of());
    }

    private static List<String> launch(List<String> options) {
        List<String> launch = new ArrayList<>();
        launch.add("broker");
        launch.addAll(options);
        return launch;
    }

    /** The socket path of the local connector. */
    Path socket() {
        return Path.of(uri().substring("local://".length()));
    }

    /** SIGKILLs the broker (bin/flux broker execs the JVM, so this is the broker itself) and reaps it. */
    int kill() throws InterruptedException {
        process().destroyForcibly();
        return exited(process().waitFor());
    }

    /** Waits for the broker process to exit by itself (after flux shutdown). */
    int waitFor() throws InterruptedException {
        return exited(process().waitFor());
    }
}
