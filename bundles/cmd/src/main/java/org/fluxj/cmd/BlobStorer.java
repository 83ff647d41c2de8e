package org.fluxj.cmd;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.Handle;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * Stores blobs (RFC 10 {@code content.store}) with at most {@code window} requests in flight.
 * A blob's blobref is its hash, known before the store answers, so callers build on it at once;
 * {@link #finish} waits until every blob is stored and checks each answer against it.
 */
final class BlobStorer {
    private record Pending(String what, BlobRef ref, CompletableFuture<Message> answer) {
    }

    private final Handle handle;
    private final String topic;
    private final BlobRef.Algorithm algorithm;
    private final int window;
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** @param bypass store straight to the backing store on rank 0, not through the content cache */
    BlobStorer(Handle handle, BlobRef.Algorithm algorithm, boolean bypass, int window) {
        this.handle = handle;
        this.algorithm = algorithm;
        this.topic = bypass ? "content-backing.store" : "content.store";
        this.window = window;
    }

    /** Sends the blob to be stored and returns its blobref; {@code what} names it in errors. */
    BlobRef store(String what, byte[] data) {
        while (pending.size() >= window) {
            complete(pending.removeFirst());
        }
        BlobRef ref = BlobRef.hash(algorithm, data);
        pending.addLast(new Pending(what, ref, handle.rpcRaw(topic, data, Message.NODEID_ANY)));
        return ref;
    }

    /** Waits for every store still in flight. */
    void finish() {
        while (!pending.isEmpty()) {
            complete(pending.removeFirst());
        }
    }

    private void complete(Pending p) {
        Message m;
        try {
            m = Handle.get(p.answer());
        } catch (IOException e) {
            throw new CommandException("error storing blob for " + p.what() + ": " + e.getMessage());
        }
        if (!m.hasPayload() || !Arrays.equals(m.payload(), p.ref().digest())) {
            throw new CommandException("error storing blob for " + p.what() + ": the store answered with another hash");
        }
    }
}
