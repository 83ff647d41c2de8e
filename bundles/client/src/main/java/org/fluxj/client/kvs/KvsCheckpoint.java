package org.fluxj.client.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.client.content.Content;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;

/**
 * The KVS root checkpoints kept by the content backing store (libkvs kvs_checkpoint.c, RFC 10
 * {@code checkpoint-get}/{@code checkpoint-put}): through the rank 0 content module, or
 * straight to the backing module with {@code bypass}.
 */
public final class KvsCheckpoint {
    private KvsCheckpoint() {
    }

    /** One checkpoint: the root it names and when it was written. */
    public record Entry(String rootref, long sequence, double timestamp) {
    }

    /** The checkpoints, newest first (an older backing store answers with a lone object). */
    public static JsonNode list(Handle h, boolean bypass) throws IOException {
        JsonNode value = h.rpcGetJson(Content.topic("checkpoint-get", bypass), null, 0).path("value");
        return value.isArray() ? value : Json.array().add(value);
    }

    /** The newest checkpoint; ENOENT if there is none. */
    public static Entry newest(Handle h, boolean bypass) throws IOException {
        JsonNode c = list(h, bypass).path(0);
        if (!c.path("rootref").isTextual()) {
            throw new FluxException(Errno.ENOENT.number(), "no checkpoint");
        }
        return new Entry(c.path("rootref").asText(), c.path("sequence").asLong(), c.path("timestamp").asDouble());
    }

    /** Writes a checkpoint, as kvs_checkpoint_commit. */
    public static void commit(Handle h, Entry e, boolean bypass) throws IOException {
        ObjectNode o = Json.object();
        ObjectNode v = o.putObject("value");
        v.put("version", 1);
        v.put("rootref", e.rootref());
        v.put("sequence", e.sequence());
        v.put("timestamp", e.timestamp());
        Rpc.await(h.rpc(Content.topic("checkpoint-put", bypass), o, 0));
    }
}
