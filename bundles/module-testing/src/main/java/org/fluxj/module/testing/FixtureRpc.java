package org.fluxj.module.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;

/**
 * A module's request answered by a test's service: one response, and for a streaming request
 * the end of the stream (ENODATA) right after it.
 */
final class FixtureRpc implements Rpc {
    private final Runnable forget;
    private final CompletableFuture<Message> response = new CompletableFuture<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private Consumer<Message> each;
    private boolean cancelled;

    FixtureRpc(Runnable forget) {
        this.forget = forget;
    }

    @Override
    public CompletionStage<Message> response() {
        return response;
    }

    @Override
    public CompletionStage<Void> stream(Consumer<Message> handler) {
        each = handler;
        return end;
    }

    @Override
    public void cancel() {
        cancelled = true;
        forget.run();
    }

    void deliver(Message answer, boolean streaming) {
        if (cancelled) {
            return;
        }
        if (answer.errnum() != 0) {
            RequestException e = RequestException.of(answer);
            response.completeExceptionally(e);
            if (each != null && answer.errnum() == Errno.ENODATA.number()) {
                end.complete(null);
            } else {
                end.completeExceptionally(e);
            }
            return;
        }
        response.complete(answer);
        if (each != null) {
            each.accept(answer);
            if (streaming) {
                end.complete(null);
            }
        }
    }
}
