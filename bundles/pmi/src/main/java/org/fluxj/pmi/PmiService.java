package org.fluxj.pmi;

import java.util.concurrent.CompletionStage;

/**
 * What a PMI server offers its clients beyond the protocol: the key value store, the barrier
 * and abort. {@code flux start} keeps everything in memory ({@link LocalPmiService}); the job
 * shell will spread the store and the barrier over its peers, hence the completion stages.
 */
public interface PmiService {

    /** Stores a value. Returns false to answer {@link Pmi#ERR_INVALID_KEY}. */
    boolean put(String kvsname, String key, String value);

    /** The value of {@code key}, or a stage completing with null if there is none. */
    CompletionStage<String> get(String kvsname, String key);

    /**
     * Called once every local client has entered the barrier; the stage completes when the
     * whole program has, exceptionally if the barrier failed.
     */
    CompletionStage<Void> barrier();

    /** A client asked to abort the program with {@code exitCode}; {@code rank} is -1 if unknown. */
    void abort(int rank, int exitCode, String message);
}
