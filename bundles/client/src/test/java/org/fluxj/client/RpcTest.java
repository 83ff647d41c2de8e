package org.fluxj.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.junit.jupiter.api.Test;

/** A failed RPC future gives back the error it failed with, however it was wrapped. */
class RpcTest {

    @Test
    void awaitGivesTheResponseOrTheFluxError() throws IOException {
        Message m = Message.event("x").build();
        assertSame(m, Rpc.await(CompletableFuture.completedFuture(m)));
        FluxException e = assertThrows(FluxException.class,
                () -> Rpc.await(CompletableFuture.failedFuture(new FluxException(Errno.ENOENT.number(), "no such key"))));
        assertEquals(Errno.ENOENT.number(), e.errnum());
        assertEquals("no such key", e.getMessage());
    }

    @Test
    void awaitWithATimeoutFailsWithEtimedout() {
        FluxException e = assertThrows(FluxException.class,
                () -> Rpc.await(new CompletableFuture<>(), Duration.ofMillis(1)));
        assertEquals(Errno.ETIMEDOUT.number(), e.errnum());
    }

    @Test
    void errorUnwrapsCompletionAndExecutionExceptions() {
        FluxException cause = new FluxException(Errno.EPROTO.number(), "bad");
        assertSame(cause, Rpc.error(new CompletionException(new ExecutionException(cause))));
        IOException other = Rpc.error(new CompletionException(new IllegalStateException("odd")));
        assertEquals("odd", other.getMessage());
    }
}
