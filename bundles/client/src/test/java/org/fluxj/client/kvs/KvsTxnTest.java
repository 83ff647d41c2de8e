package org.fluxj.client.kvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.treeobj.KvsFlags;
import org.junit.jupiter.api.Test;

/** A transaction's ops, in order, as kvs.commit takes them (RFC 11 dirents). */
class KvsTxnTest {

    @Test
    void opsInOrder() {
        KvsTxn txn = new KvsTxn();
        assertTrue(txn.isEmpty());
        txn.put("a", "1").append("log", new byte[] {'x'}).mkdir("d").symlink("l", "other", "a").unlink("b");
        JsonNode r = txn.request("primary", KvsFlags.SYNC);
        assertEquals("primary", r.get("namespace").asText());
        assertEquals(KvsFlags.SYNC, r.get("flags").asInt());
        JsonNode ops = r.get("ops");
        assertEquals(5, ops.size());
        assertEquals("a", ops.get(0).get("key").asText());
        assertEquals("val", ops.get(0).get("dirent").get("type").asText());
        assertEquals("MQ==", ops.get(0).get("dirent").get("data").asText());
        assertEquals(KvsFlags.APPEND, ops.get(1).get("flags").asInt());
        assertEquals("dir", ops.get(2).get("dirent").get("type").asText());
        assertEquals("symlink", ops.get(3).get("dirent").get("type").asText());
        assertEquals("other", ops.get(3).get("dirent").get("data").get("namespace").asText());
        assertTrue(ops.get(4).get("dirent").isNull());
    }

    @Test
    void theRequestIsACopy() {
        KvsTxn txn = new KvsTxn().put("a", "1");
        JsonNode first = txn.request("primary", 0);
        txn.put("b", "2");
        assertEquals(1, first.get("ops").size());
    }
}
