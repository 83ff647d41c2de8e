package org.fluxj.client.content;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * One blob at a time (RFC 10, flux-core content.h): {@code content.load} and
 * {@code content.store} through the content cache, or {@code content-backing.*} straight to
 * the backing store on rank 0 with {@code bypass}.
 */
public final class Content {
    private Content() {
    }

    /** The topic of a content method, through the cache or ({@code bypass}) to the backing store. */
    public static String topic(String method, boolean bypass) {
        return (bypass ? "content-backing." : "content.") + method;
    }

    /** The instance's {@code content.hash}: the algorithm blobrefs are made with. */
    public static BlobRef.Algorithm hashAlgorithm(Handle h) throws IOException, FormatException {
        return BlobRef.Algorithm.byName(h.getattr("content.hash"));
    }

    /** content_load_byblobref's request; the response's payload is the blob. */
    public static CompletableFuture<Message> loadAsync(Handle h, BlobRef ref, boolean bypass) {
        return h.rpcRaw(topic("load", bypass), ref.digest(), Message.NODEID_ANY);
    }

    /** The blob a blobref names, as the store answered (not checked against its hash). */
    public static byte[] load(Handle h, BlobRef ref, boolean bypass) throws IOException {
        return payload(Rpc.await(loadAsync(h, ref, bypass)));
    }

    /** content_store's request; the response's payload is the blob's digest. */
    public static CompletableFuture<Message> storeAsync(Handle h, byte[] blob, boolean bypass) {
        return h.rpcRaw(topic("store", bypass), blob, Message.NODEID_ANY);
    }

    /** Stores a blob; returns the digest the store answered with. */
    public static byte[] store(Handle h, byte[] blob, boolean bypass) throws IOException {
        return payload(Rpc.await(storeAsync(h, blob, bypass)));
    }

    /** A raw payload, empty when the message has none. */
    static byte[] payload(Message m) {
        return m.hasPayload() ? m.payload() : new byte[0];
    }
}
