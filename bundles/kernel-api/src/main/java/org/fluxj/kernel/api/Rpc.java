package org.fluxj.kernel.api;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.fluxj.formats.msg.Message;

/**
 * A request sent by a module, and what comes back (RFC 6). Callbacks run on the module's
 * thread; an error response fails a stage with a {@link RequestException}.
 */
public interface Rpc {

    /** The response of a plain RPC. */
    CompletionStage<Message> response();

    /**
     * The responses of a streaming RPC: each is passed to {@code each} in order; the returned
     * stage completes when the stream ends (ENODATA) or fails on any other error.
     */
    CompletionStage<Void> stream(Consumer<Message> each);

    /** Stops waiting: later responses are dropped. */
    void cancel();

    /**
     * What a failed stage failed with (a {@link RequestException} for an error response): the
     * cause under the {@link CompletionException}s and {@link ExecutionException}s that
     * {@code join}, {@code get} and dependent stages wrap it in. The one place modules unwrap.
     */
    static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
