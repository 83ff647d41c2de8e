package org.fluxj.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;

/** KVS requests as libkvs makes them, for tests that drive a broker through the client library. */
final class KvsClient {
    private KvsClient() {
    }

    static ObjectNode commitPayload(String ns, String key, String value) {
        return commitPayload(ns, key, value.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode commitPayload(String ns, String key, byte[] value) {
        ObjectNode o = Json.object();
        o.put("namespace", ns);
        o.put("flags", 0);
        ArrayNode ops = o.putArray("ops");
        ObjectNode op = ops.addObject();
        op.put("key", key);
        op.put("flags", 0);
        op.set("dirent", new TreeObj.Val(value).toJson());
        return o;
    }

    static CompletableFuture<Message> put(Handle h, String key, String value) {
        return h.rpc("kvs.commit", commitPayload("primary", key, value), Message.NODEID_ANY);
    }

    static CompletableFuture<Message> putRaw(Handle h, String key, byte[] value) {
        return h.rpc("kvs.commit", commitPayload("primary", key, value), Message.NODEID_ANY);
    }

    /** The value of a key, or null if there is none. */
    static String get(Handle h, String key) throws IOException {
        ObjectNode o = Json.object();
        o.put("key", key);
        o.put("flags", 0);
        o.put("namespace", "primary");
        try {
            JsonNode r = h.rpcGetJson("kvs.lookup", o, Message.NODEID_ANY);
            return new String(((TreeObj.Val) TreeObj.fromJson(r.get("val"))).data(), StandardCharsets.UTF_8);
        } catch (FluxException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        } catch (FormatException e) {
            throw new IOException(e);
        }
    }

    /**
     * Loads every object reachable from the primary root through content.load and checks each
     * against its blobref; returns how many there were.
     */
    static int verifyTree(Handle h) throws IOException, FormatException {
        String root = h.rpcGetJson("kvs.getroot", Json.object().put("namespace", "primary"), 0)
                .get("rootref").asText();
        record Item(BlobRef ref, boolean dir) {
        }
        Deque<Item> todo = new ArrayDeque<>();
        todo.add(new Item(BlobRef.parse(root), true));
        java.util.Set<BlobRef> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Item item = todo.poll();
            if (!seen.add(item.ref())) {
                continue;
            }
            Message m = Handle.get(h.rpcRaw("content.load", item.ref().digest(), 0));
            byte[] data = m.hasPayload() ? m.payload() : new byte[0];
            if (!item.ref().matches(data)) {
                throw new AssertionError(item.ref() + " does not hash to its blobref");
            }
            if (item.dir()) {
                for (TreeObj e : ((TreeObj.Dir) TreeObj.decode(data)).entries().values()) {
                    if (e instanceof TreeObj.DirRef d) {
                        d.refs().forEach(r -> todo.add(new Item(r, true)));
                    } else if (e instanceof TreeObj.ValRef v) {
                        v.refs().forEach(r -> todo.add(new Item(r, false)));
                    }
                }
            }
        }
        return seen.size();
    }
}
