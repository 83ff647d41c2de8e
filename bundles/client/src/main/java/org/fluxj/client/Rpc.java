package org.fluxj.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/**
 * Waiting for an RPC's response (flux_future_get): the one place a failed future is turned
 * back into the {@link FluxException} (errno and message) or I/O error it failed with, so that
 * no caller unwraps {@link ExecutionException} or {@link CompletionException} by hand.
 */
public final class Rpc {
    private Rpc() {
    }

    /** The response; blocks until it comes. */
    public static Message await(CompletableFuture<Message> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw error(e);
        }
    }

    /**
     * The response, waiting at most {@code timeout} (null: no limit), as flux_future_wait_for.
     *
     * @throws FluxException ETIMEDOUT if none came in time
     */
    public static Message await(CompletableFuture<Message> f, Duration timeout) throws IOException {
        if (timeout == null) {
            return await(f);
        }
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new FluxException(Errno.ETIMEDOUT.number(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw error(e);
        }
    }

    /**
     * What a failed future failed with: the cause inside {@link ExecutionException} or
     * {@link CompletionException} (as {@code join}, {@code getNow} and {@code whenComplete}
     * give it), as the {@link IOException} it was, or wrapped in one.
     */
    public static IOException error(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
    }
}
