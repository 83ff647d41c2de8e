package org.fluxj.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/** The responses of a streaming RPC (RFC 6), read in order; ENODATA ends the stream. */
public final class StreamingRpc {
    private final Handle handle;
    private final int matchtag;
    private final BlockingQueue<Message> queue;
    private boolean done;

    StreamingRpc(Handle handle, int matchtag, BlockingQueue<Message> queue) {
        this.handle = handle;
        this.matchtag = matchtag;
        this.queue = queue;
    }

    public int matchtag() {
        return matchtag;
    }

    /**
     * The next response; null once the stream ended with ENODATA.
     *
     * @throws FluxException for any other error response
     * @throws IOException if the connection was lost
     */
    public Message next() throws IOException {
        return next(null);
    }

    /**
     * {@link #next()}, waiting at most {@code timeout} (null: no limit).
     *
     * @throws FluxException with ETIMEDOUT if nothing came in time
     */
    public Message next(Duration timeout) throws IOException {
        if (done) {
            return null;
        }
        Message m;
        if (timeout == null) {
            m = Handle.take(queue);
        } else {
            try {
                m = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            if (m == null) {
                throw new FluxException(Errno.ETIMEDOUT.number(), null);
            }
        }
        if (Handle.isClosed(m)) {
            done = true;
            throw handle.failure();
        }
        if (m.errnum() != 0) {
            done = true;
            handle.forget(matchtag);
            if (m.errnum() == Errno.ENODATA.number()) {
                return null;
            }
            throw Handle.error(m);
        }
        return m;
    }
}
