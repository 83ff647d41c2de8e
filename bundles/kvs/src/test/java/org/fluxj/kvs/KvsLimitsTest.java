package org.fluxj.kvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/**
 * Nothing a commit acknowledged becomes unreadable: extreme keys are stored and read back by a
 * restarted KVS (a new module over the same content store and checkpoint, its cache cold).
 */
class KvsLimitsTest {
    private final MemoryContent content = new MemoryContent();
    private JsonNode checkpoint;

    /** A kvs module over the shared content store: each call is a restart. */
    private ModuleFixture start() throws Exception {
        ModuleFixture f = new ModuleFixture()
                .attribute("security.owner", "100")
                .answer("content.checkpoint-get", m -> {
                    if (checkpoint == null) {
                        throw new RequestException(Errno.ENOENT, "no checkpoint");
                    }
                    ObjectNode o = Json.object();
                    o.set("value", checkpoint);
                    return o;
                })
                .answer("content.checkpoint-put", m -> {
                    checkpoint = m.payloadObject().get("value");
                    return null;
                });
        content.serve(f);
        f.start(new KvsModule());
        return f;
    }

    private static Message put(ModuleFixture f, String key, String value) {
        ObjectNode op = Json.object();
        op.put("key", key);
        op.put("flags", 0);
        op.set("dirent", TreeObj.Val.of(value).toJson());
        ObjectNode req = Json.object();
        req.put("namespace", "primary");
        req.put("flags", 0);
        req.putArray("ops").add(op);
        return f.call("kvs.commit", req);
    }

    private static String get(ModuleFixture f, String key) throws Exception {
        ObjectNode req = Json.object();
        req.put("key", key);
        req.put("flags", 0);
        req.put("namespace", "primary");
        Message r = f.call("kvs.lookup", req);
        assertEquals(0, r.errnum(), () -> key.length() + "-character key: " + r);
        TreeObj.Val v = (TreeObj.Val) TreeObj.fromJson(ModuleFixture.json(r).get("val"));
        return new String(v.data(), StandardCharsets.UTF_8);
    }

    @Test
    void aKeyOfSixtyThousandCharactersReadsBackAfterARestart() throws Exception {
        String key = "k".repeat(60_000);
        ModuleFixture f = start();
        assertEquals(0, put(f, key, "long").errnum());
        assertEquals(0, put(f, "after", "1").errnum());
        ModuleFixture restarted = start();
        assertEquals("long", get(restarted, key));
        assertEquals("1", get(restarted, "after"));
    }

    @Test
    void aKeyFiveThousandDirectoriesDeepIsStoredAndReadBackAfterARestart() throws Exception {
        String key = String.join(".", Collections.nCopies(5000, "a"));
        ModuleFixture f = start();
        assertEquals(0, put(f, key, "deep").errnum());
        assertEquals(0, put(f, "after", "1").errnum(), "later commits to the namespace go on");
        assertEquals("deep", get(f, key));
        ModuleFixture restarted = start();
        assertEquals("deep", get(restarted, key), "a cold cache misses once per level: each miss is progress");
        assertEquals("1", get(restarted, "after"));
        assertEquals(0, put(restarted, key.substring(0, 4001) + ".b", "beside").errnum());
        assertEquals("beside", get(restarted, key.substring(0, 4001) + ".b"));
    }
}
