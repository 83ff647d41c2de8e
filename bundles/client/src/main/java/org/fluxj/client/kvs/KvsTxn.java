package org.fluxj.client.kvs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * A KVS transaction (flux_kvs_txn_t): ops added in order, applied all or none by
 * {@link Kvs#commit}. Each op puts an RFC 11 tree object at a key, or unlinks it.
 */
public final class KvsTxn {
    private final ArrayNode ops = Json.array();

    /** flux_kvs_txn_put_treeobj with flags ({@link KvsFlags#APPEND}); a null dirent unlinks. */
    public KvsTxn put(String key, int flags, TreeObj dirent) {
        ObjectNode o = ops.addObject();
        o.put("key", key);
        o.put("flags", flags);
        if (dirent == null) {
            o.putNull("dirent");
        } else {
            o.set("dirent", dirent.toJson());
        }
        return this;
    }

    /** flux_kvs_txn_put_raw: the value's bytes. */
    public KvsTxn put(String key, byte[] value) {
        return put(key, 0, new TreeObj.Val(value));
    }

    /** flux_kvs_txn_put of a string, as UTF-8. */
    public KvsTxn put(String key, String value) {
        return put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes appended to the key's value (FLUX_KVS_APPEND). */
    public KvsTxn append(String key, byte[] data) {
        return put(key, KvsFlags.APPEND, new TreeObj.Val(data));
    }

    /** flux_kvs_txn_mkdir: an empty directory. */
    public KvsTxn mkdir(String key) {
        return put(key, 0, TreeObj.Dir.empty());
    }

    /** flux_kvs_txn_unlink. */
    public KvsTxn unlink(String key) {
        return put(key, 0, null);
    }

    /** flux_kvs_txn_symlink: a link to {@code target}, in namespace {@code ns} if not null. */
    public KvsTxn symlink(String key, String ns, String target) {
        return put(key, 0, TreeObj.Symlink.of(ns, target));
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** The {@code kvs.commit} request payload. */
    ObjectNode request(String ns, int flags) {
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        o.put("flags", flags);
        o.set("ops", ops.deepCopy());
        return o;
    }
}
