package org.fluxj.client.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.Rpc;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * KVS requests as libkvs makes them: lookups ({@code kvs.lookup}, or {@code kvs-watch.lookup}
 * for the watch, wait-create and stream flags), commits of a {@link KvsTxn}, getroot.
 */
public final class Kvs {
    /** The namespace every instance has. */
    public static final String PRIMARY = "primary";

    private Kvs() {
    }

    /** The namespace an option gave, else FLUX_KVS_NAMESPACE, else primary (kvs_get_namespace). */
    public static String namespace(String option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("FLUX_KVS_NAMESPACE");
        return env != null && !env.isEmpty() ? env : PRIMARY;
    }

    private static ObjectNode lookupRequest(String ns, String key, int flags) {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("namespace", ns);
        o.put("flags", flags);
        return o;
    }

    /** flux_kvs_lookup then get_treeobj: the object the lookup answered with. */
    public static TreeObj lookup(Handle h, String ns, String key, int flags) throws IOException {
        boolean watch = (flags & (KvsFlags.WATCH | KvsFlags.WAITCREATE | KvsFlags.STREAM)) != 0;
        return val(h.rpcGetJson(watch ? "kvs-watch.lookup" : "kvs.lookup", lookupRequest(ns, key, flags),
                Message.NODEID_ANY));
    }

    /** A value's bytes, or null if the key has none (ENOENT). */
    public static byte[] find(Handle h, String ns, String key) throws IOException {
        try {
            TreeObj t = lookup(h, ns, key, 0);
            if (t instanceof TreeObj.Val v) {
                return v.data();
            }
            throw new FluxException(Errno.EISDIR.number(), key + ": not a value");
        } catch (FluxException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
    }

    /** flux_kvs_lookupat: relative to a root directory (an RFC 11 dirref), not a namespace's root. */
    public static TreeObj lookupAt(Handle h, TreeObj rootdir, String key, int flags) throws IOException {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("flags", flags);
        o.set("rootdir", rootdir.toJson());
        return val(h.rpcGetJson("kvs.lookup", o, Message.NODEID_ANY));
    }

    /** A streaming {@code kvs-watch.lookup}: each response's object is {@link #value(Message)}. */
    public static StreamingRpc watch(Handle h, String ns, String key, int flags) throws IOException {
        return h.rpcStreaming("kvs-watch.lookup", lookupRequest(ns, key, flags), Message.NODEID_ANY);
    }

    /** The object of one lookup or watch response. */
    public static TreeObj value(Message response) throws IOException {
        try {
            return val(response.payloadObject());
        } catch (FormatException e) {
            throw new FluxException(Errno.EPROTO.number(), e.getMessage());
        }
    }

    private static TreeObj val(JsonNode response) throws IOException {
        try {
            return TreeObj.fromJson(response.get("val"));
        } catch (FormatException e) {
            throw new FluxException(Errno.EPROTO.number(), e.getMessage());
        }
    }

    /** flux_kvs_commit: the response, {"rootref","rootseq"}, or the commit's error. */
    public static JsonNode commit(Handle h, String ns, int flags, KvsTxn txn) throws IOException {
        return h.rpcGetJson("kvs.commit", txn.request(ns, flags), Message.NODEID_ANY);
    }

    /** A commit whose response is waited for later, as flux_kvs_commit's future. */
    public static CompletableFuture<Message> commitAsync(Handle h, String ns, int flags, KvsTxn txn) {
        return h.rpc("kvs.commit", txn.request(ns, flags), Message.NODEID_ANY);
    }

    /** flux_kvs_getroot: {"rootref","rootseq","owner","flags"} of a namespace. */
    public static JsonNode getroot(Handle h, String ns) throws IOException {
        return h.rpcGetJson("kvs.getroot", Json.object().put("namespace", ns), Message.NODEID_ANY);
    }

    /**
     * flux_kvs_namespace_create: a namespace whose root is {@code rootref} (a blobref), owned by
     * {@code owner} (-1: the instance owner).
     */
    public static void namespaceCreate(Handle h, String ns, String rootref, int owner, int flags) throws IOException {
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        o.put("rootref", rootref);
        o.put("owner", owner);
        o.put("flags", flags);
        Rpc.await(h.rpc("kvs.namespace-create", o, 0));
    }

    /** flux_kvs_namespace_remove. */
    public static void namespaceRemove(Handle h, String ns) throws IOException {
        Rpc.await(h.rpc("kvs.namespace-remove", Json.object().put("namespace", ns), 0));
    }

    /** The namespaces: {"namespace","owner","flags"} each. */
    public static JsonNode namespaceList(Handle h) throws IOException {
        return h.rpcGetJson("kvs.namespace-list", Json.object(), 0).path("namespaces");
    }

    /** flux_kvs_wait_version: returns once the namespace's root sequence is at least {@code version}. */
    public static void waitVersion(Handle h, String ns, int version) throws IOException {
        ObjectNode o = Json.object();
        o.put("rootseq", version);
        o.put("namespace", ns);
        h.rpcGetJson("kvs.wait-version", o, Message.NODEID_ANY);
    }

    /** flux_kvs_dropcache: the local kvs module forgets its cached objects. */
    public static void dropcache(Handle h) throws IOException {
        Rpc.await(h.rpc("kvs.dropcache", null, Message.NODEID_ANY));
    }

    /**
     * Whether the kvs module serves this instance: false when {@code kvs.getroot} is ENOSYS,
     * true when it answers, even with an error of its own.
     */
    public static boolean isLoaded(Handle h) throws IOException {
        try {
            getroot(h, PRIMARY);
        } catch (FluxException e) {
            return !e.is(Errno.ENOSYS);
        }
        return true;
    }
}
