package org.fluxj.kvs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.ModuleContext;

/**
 * The KVS's side of the content store (RFC 10), as flux-core's kvs reaches it through its cache
 * and kvs_checkpoint.c: blobs loaded and stored by digest, and the root checkpoint.
 */
final class ContentClient {
    private final ModuleContext ctx;

    ContentClient(ModuleContext ctx) {
        this.ctx = ctx;
    }

    CompletionStage<byte[]> load(BlobRef ref) {
        return ctx.rpc(Message.request("content.load").nodeid(Message.NODEID_ANY).payload(ref.digest()).build())
                .response().thenApply(r -> r.hasPayload() ? r.payload() : new byte[0]);
    }

    /** Stores blobs; completes when the content service has acknowledged every one. */
    CompletableFuture<Void> store(List<byte[]> blobs) {
        List<CompletableFuture<Message>> fs = new ArrayList<>(blobs.size());
        for (byte[] b : blobs) {
            Message.Builder req = Message.request("content.store").nodeid(Message.NODEID_ANY);
            if (b.length > 0) {
                req.payload(b);
            }
            fs.add(ctx.rpc(req.build()).response().toCompletableFuture());
        }
        return CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0]));
    }

    /** The newest root checkpoint (its response: {@code {"value": ...}}). */
    CompletionStage<Message> checkpointGet() {
        return ctx.rpc("content.checkpoint-get", 0, null, 0).response();
    }

    /** content.checkpoint-put of a root, as kvs_checkpoint_commit. */
    CompletionStage<Void> checkpointPut(BlobRef ref, long seq) {
        ObjectNode o = Json.object();
        ObjectNode v = o.putObject("value");
        v.put("version", 1);
        v.put("rootref", ref.toString());
        v.put("sequence", seq);
        v.put("timestamp", System.currentTimeMillis() / 1000.0);
        return ctx.rpc("content.checkpoint-put", 0, o, 0).response().thenApply(r -> null);
    }
}
