package org.fluxj.client.content;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * Loads blobs (RFC 10 {@code content.load}) for a walk that knows which ones it will need next:
 * blobs announced by {@link #prefetch} are requested in that order, at most {@code window} at a
 * time and while less than {@value #HELD_BYTES_MAX} bytes of them wait to be taken, so that
 * round trips overlap without the walk's memory growing with the tree.
 */
public final class BlobLoader {
    private static final long HELD_BYTES_MAX = 64L << 20;

    private final Handle handle;
    private final boolean bypass;
    private final int window;
    private final Deque<BlobRef> wanted = new ArrayDeque<>();
    private final Map<BlobRef, CompletableFuture<Message>> requested = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong held = new AtomicLong();

    /** @param bypass load from the backing store on rank 0, not through the content cache */
    public BlobLoader(Handle handle, boolean bypass, int window) {
        this.handle = handle;
        this.bypass = bypass;
        this.window = window;
    }

    /** Blobs the walk needs next, the first soonest: they go before those announced earlier. */
    public void prefetch(List<BlobRef> refs) {
        for (int i = refs.size() - 1; i >= 0; i--) {
            wanted.addFirst(refs.get(i));
        }
        pump();
    }

    /** The blob, checked against its hash; a failed load is the broker's error. */
    public byte[] load(BlobRef ref) throws IOException {
        CompletableFuture<Message> f = requested.remove(ref);
        if (f == null) {
            wanted.removeFirstOccurrence(ref); // else it would be loaded again and never taken
            f = request(ref);
        }
        pump();
        byte[] data = Content.payload(Rpc.await(f));
        held.addAndGet(-data.length);
        pump();
        if (!ref.matches(data)) {
            throw new FluxException(Errno.EPROTO.number(), ref + ": content does not match its hash");
        }
        return data;
    }

    private void pump() {
        while (inFlight.get() < window && held.get() < HELD_BYTES_MAX && !wanted.isEmpty()) {
            BlobRef ref = wanted.pollFirst();
            if (!requested.containsKey(ref)) {
                requested.put(ref, request(ref));
            }
        }
    }

    private CompletableFuture<Message> request(BlobRef ref) {
        inFlight.incrementAndGet();
        return Content.loadAsync(handle, ref, bypass).whenComplete((m, e) -> {
            inFlight.decrementAndGet();
            if (m != null && m.hasPayload()) {
                held.addAndGet(m.payload().length);
            }
        });
    }
}
