package org.fluxj.client.content;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * Stores blobs (RFC 10 {@code content.store}) with at most {@code window} requests in flight.
 * A blob's blobref is its hash, known before the store answers, so callers build on it at once;
 * {@link #finish} waits until every blob is stored and checks each answer against it.
 */
public final class BlobStorer {
    private record Pending(String what, BlobRef ref, CompletableFuture<Message> answer) {
    }

    private final Handle handle;
    private final boolean bypass;
    private final BlobRef.Algorithm algorithm;
    private final int window;
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** @param bypass store straight to the backing store on rank 0, not through the content cache */
    public BlobStorer(Handle handle, BlobRef.Algorithm algorithm, boolean bypass, int window) {
        this.handle = handle;
        this.algorithm = algorithm;
        this.bypass = bypass;
        this.window = window;
    }

    /**
     * Sends the blob to be stored and returns its blobref; {@code what} names it in errors.
     *
     * @throws IOException "error storing blob for WHAT: reason", of this blob or an earlier one
     */
    public BlobRef store(String what, byte[] data) throws IOException {
        while (pending.size() >= window) {
            complete(pending.removeFirst());
        }
        BlobRef ref = BlobRef.hash(algorithm, data);
        pending.addLast(new Pending(what, ref, Content.storeAsync(handle, data, bypass)));
        return ref;
    }

    /** Waits for every store still in flight. */
    public void finish() throws IOException {
        while (!pending.isEmpty()) {
            complete(pending.removeFirst());
        }
    }

    private void complete(Pending p) throws IOException {
        String error = "error storing blob for " + p.what() + ": ";
        Message m;
        try {
            m = Rpc.await(p.answer());
        } catch (FluxException e) {
            throw new FluxException(e.errnum(), error + e.getMessage());
        } catch (IOException e) {
            throw new IOException(error + e.getMessage(), e);
        }
        if (!m.hasPayload() || !Arrays.equals(m.payload(), p.ref().digest())) {
            throw new FluxException(Errno.EPROTO.number(), error + "the store answered with another hash");
        }
    }
}
