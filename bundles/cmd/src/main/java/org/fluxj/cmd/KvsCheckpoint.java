package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/**
 * What libkvs's kvs_checkpoint.c does for the commands: the KVS root checkpoints kept by the
 * content backing store (RFC 10 {@code checkpoint-get}/{@code checkpoint-put}), through the
 * rank 0 content module, or straight to the backing module with {@code bypass}.
 */
final class KvsCheckpoint {
    private KvsCheckpoint() {
    }

    /** One checkpoint: the root it names and when it was written. */
    record Entry(String rootref, long sequence, double timestamp) {
    }

    /** The checkpoints, newest first (an older backing store answers with a lone object). */
    static JsonNode list(Handle h, boolean bypass) throws IOException {
        JsonNode value = h.rpcGetJson(topic(bypass, "checkpoint-get"), null, 0).path("value");
        return value.isArray() ? value : Json.array().add(value);
    }

    /** The newest checkpoint; ENOENT if there is none. */
    static Entry newest(Handle h, boolean bypass) throws IOException {
        JsonNode a = list(h, bypass);
        JsonNode c = a.path(0);
        if (!c.path("rootref").isTextual()) {
            throw new FluxException(Errno.ENOENT.number(), "no checkpoint");
        }
        return new Entry(c.path("rootref").asText(), c.path("sequence").asLong(), c.path("timestamp").asDouble());
    }

    /** Writes a checkpoint, as kvs_checkpoint_commit. */
    static void commit(Handle h, Entry e, boolean bypass) throws IOException {
        ObjectNode o = Json.object();
        ObjectNode v = o.putObject("value");
        v.put("version", 1);
        v.put("rootref", e.rootref());
        v.put("sequence", e.sequence());
        v.put("timestamp", e.timestamp());
        Handle.get(h.rpc(topic(bypass, "checkpoint-put"), o, 0));
    }

    /**
     * Fails unless the kvs module is unloaded: a checkpoint written under a running kvs would be
     * overwritten by its next one.
     */
    static void requireKvsUnloaded(Handle h, String message) {
        try {
            h.rpcGetJson("kvs.getroot", Json.object().put("namespace", "primary"), Message.NODEID_ANY);
        } catch (FluxException e) {
            if (e.is(Errno.ENOSYS)) {
                return;
            }
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        throw new CommandException(message);
    }

    private static String topic(boolean bypass, String method) {
        return (bypass ? "content-backing." : "content.") + method;
    }
}
