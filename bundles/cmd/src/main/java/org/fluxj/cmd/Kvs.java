package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.client.Handle;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * What libkvs does for the commands: lookups ({@code kvs.lookup}, or {@code kvs-watch.lookup}
 * for the watch and wait-create flags), commits of a transaction's ops, getroot.
 */
final class Kvs {

    private Kvs() {
    }

    /** The namespace an option gave, else FLUX_KVS_NAMESPACE, else primary (kvs_get_namespace). */
    static String namespace(String option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("FLUX_KVS_NAMESPACE");
        return env != null && !env.isEmpty() ? env : "primary";
    }

    static ObjectNode lookupRequest(String ns, String key, int flags) {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("namespace", ns);
        o.put("flags", flags);
        return o;
    }

    /** flux_kvs_lookup then get_treeobj: the object kvs.lookup answered with. */
    static TreeObj lookup(Handle h, String ns, String key, int flags) throws IOException {
        String topic = (flags & (KvsFlags.WATCH | KvsFlags.WAITCREATE | KvsFlags.STREAM)) != 0 ? "kvs-watch.lookup" : "kvs.lookup";
        return val(h.rpcGetJson(topic, lookupRequest(ns, key, flags), Message.NODEID_ANY));
    }

    /** flux_kvs_lookupat: relative to a root directory reference (an RFC 11 dirref). */
    static TreeObj lookupAt(Handle h, String treeobj, String key, int flags) throws IOException {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("flags", flags);
        try {
            o.set("rootdir", TreeObj.decode(treeobj).toJson());
        } catch (FormatException e) {
            throw new CommandException(e.getMessage());
        }
        return val(h.rpcGetJson("kvs.lookup", o, Message.NODEID_ANY));
    }

    static TreeObj val(JsonNode response) throws IOException {
        try {
            return TreeObj.fromJson(response.get("val"));
        } catch (FormatException e) {
            throw new org.fluxj.client.FluxException(org.fluxj.formats.msg.Errno.EPROTO.number(), e.getMessage());
        }
    }

    /** A streaming kvs-watch.lookup. */
    static StreamingRpc watch(Handle h, String ns, String key, int flags) throws IOException {
        return h.rpcStreaming("kvs-watch.lookup", lookupRequest(ns, key, flags), Message.NODEID_ANY);
    }

    /** One op of a transaction; a null dirent unlinks. */
    static ObjectNode op(String key, int flags, TreeObj dirent) {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("flags", flags);
        if (dirent == null) {
            o.putNull("dirent");
        } else {
            o.set("dirent", dirent.toJson());
        }
        return o;
    }

    /** flux_kvs_commit: {"rootref","rootseq"}. */
    static JsonNode commit(Handle h, String ns, int flags, ArrayNode ops) throws IOException {
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        o.put("flags", flags);
        o.set("ops", ops);
        return h.rpcGetJson("kvs.commit", o, Message.NODEID_ANY);
    }

    static JsonNode getroot(Handle h, String ns) throws IOException {
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        return h.rpcGetJson("kvs.getroot", o, Message.NODEID_ANY);
    }

    /** The value bytes of a looked-up object (treeobj_decode_val). */
    static byte[] data(TreeObj t) {
        if (t instanceof TreeObj.Val v) {
            return v.data();
        }
        throw new CommandException("value is a " + t.type() + ", not a val");
    }

    /** A dirref tree object text, as flux kvs getroot prints the root. */
    static String dirref(String blobref) {
        return "{\"data\":[\"" + blobref + "\"],\"type\":\"dirref\",\"ver\":1}";
    }
}
