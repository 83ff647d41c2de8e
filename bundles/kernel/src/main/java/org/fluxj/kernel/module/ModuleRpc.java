package org.fluxj.kernel.module;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.kernel.api.Rpc;

/** A module's RPC in flight, matched to its responses by matchtag; used on the module's thread. */
final class ModuleRpc implements Rpc {
    private final ModuleHost host;
    private final int matchtag;
    private final CompletableFuture<Message> response = new CompletableFuture<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private Consumer<Message> each;

    ModuleRpc(ModuleHost host, int matchtag) {
        this.host = host;
        this.matchtag = matchtag;
    }

    int matchtag() {
        return matchtag;
    }

    @Override
    public CompletionStage<Message> response() {
        return response;
    }

    @Override
    public CompletionStage<Void> stream(Consumer<Message> handler) {
        this.each = handler;
        return end;
    }

    @Override
    public void cancel() {
        host.forget(matchtag);
    }

    /** Takes one response; returns true when no more will come. */
    boolean accept(Message m) {
        if (m.errnum() != 0) {
            RequestException e = RequestException.of(m);
            if (each != null && m.errnum() == Errno.ENODATA.number()) {
                end.complete(null);
            } else {
                end.completeExceptionally(e);
            }
            response.completeExceptionally(e);
            return true;
        }
        if (each != null) {
            each.accept(m);
            return false;
        }
        response.complete(m);
        return !m.isStreaming();
    }

    void fail(Errno errno, String text) {
        RequestException e = new RequestException(errno, text);
        response.completeExceptionally(e);
        end.completeExceptionally(e);
    }
}
