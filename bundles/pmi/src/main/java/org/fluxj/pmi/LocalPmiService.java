package org.fluxj.pmi;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A PMI service whose clients all talk to one server, as in {@code flux start --test-size}:
 * the store is a map (the kvs name is not used, as flux-start ignores it), the barrier
 * completes as soon as every client has entered it.
 */
public final class LocalPmiService implements PmiService {
    /** A client's abort request. */
    public record Abort(int rank, int exitCode, String message) {
    }

    private final Map<String, String> kvs = new ConcurrentHashMap<>();
    private final Consumer<Abort> onAbort;

    /** {@code onAbort} is told of each abort request; it typically kills the program. */
    public LocalPmiService(Consumer<Abort> onAbort) {
        this.onAbort = onAbort;
    }

    /** Puts a value before any client starts (as {@code PMI_process_mapping}). */
    public void preput(String key, String value) {
        kvs.put(key, value);
    }

    @Override
    public boolean put(String kvsname, String key, String value) {
        kvs.put(key, value);
        return true;
    }

    @Override
    public CompletionStage<String> get(String kvsname, String key) {
        return CompletableFuture.completedFuture(kvs.get(key));
    }

    @Override
    public CompletionStage<Void> barrier() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abort(int rank, int exitCode, String message) {
        onAbort.accept(new Abort(rank, exitCode, message));
    }
}
