package org.fluxj.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.Handle;
import org.fluxj.client.content.Content;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;

/** The few KVS calls the tests make, over the client library's KVS API, in the primary namespace. */
final class KvsClient {
    private KvsClient() {
    }

    static CompletableFuture<Message> put(Handle h, String key, String value) {
        return Kvs.commitAsync(h, Kvs.PRIMARY, 0, new KvsTxn().put(key, value));
    }

    static CompletableFuture<Message> putRaw(Handle h, String key, byte[] value) {
        return Kvs.commitAsync(h, Kvs.PRIMARY, 0, new KvsTxn().put(key, value));
    }

    /** The value of a key, or null if there is none. */
    static String get(Handle h, String key) throws IOException {
        byte[] value = Kvs.find(h, Kvs.PRIMARY, key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Loads every object reachable from the primary root through content.load and checks each
     * against its blobref; returns how many there were.
     */
    static int verifyTree(Handle h) throws IOException, FormatException {
        String root = Kvs.getroot(h, Kvs.PRIMARY).get("rootref").asText();
        record Item(BlobRef ref, boolean dir) {
        }
        Deque<Item> todo = new ArrayDeque<>();
        todo.add(new Item(BlobRef.parse(root), true));
        Set<BlobRef> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Item item = todo.poll();
            if (!seen.add(item.ref())) {
                continue;
            }
            byte[] data = Content.load(h, item.ref(), false);
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
