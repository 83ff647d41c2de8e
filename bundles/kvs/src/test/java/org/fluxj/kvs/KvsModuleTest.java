package org.fluxj.kvs;

import static org.fluxj.module.testing.ModuleFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The kvs module's handlers on a {@link ModuleFixture}, over an in-memory content store. */
class KvsModuleTest {
    private int checkpoints;
    private final MemoryContent content = new MemoryContent();
    private final ModuleFixture f = content.serve(new ModuleFixture()
            .attribute("security.owner", "100")
            .answer("content.checkpoint-get", m -> {
                throw new RequestException(Errno.ENOENT, "no checkpoint");
            })
            .answer("content.checkpoint-put", m -> {
                checkpoints++;
                return null;
            }));

    private static String op(String key, String value) {
        TreeObj.Val v = new TreeObj.Val(value.getBytes(StandardCharsets.UTF_8));
        return "{\"key\":\"" + key + "\",\"flags\":0,\"dirent\":" + Json.encode(v.toJson()) + "}";
    }

    private Message commit(String key, String value) {
        return f.call("kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":[" + op(key, value) + "]}");
    }

    @Test
    void aCommitIsAnsweredOnceCheckpointedAndLookupFindsIt() throws Exception {
        f.start(new KvsModule());
        Message r = commit("a.b", "hello");
        assertEquals(0, r.errnum());
        assertEquals(1, ModuleFixture.json(r).get("rootseq").asInt());
        assertEquals(1, checkpoints, "durable commits checkpoint the root before answering");
        assertTrue(f.events().stream().anyMatch(e -> e.topic().equals("kvs.namespace-primary-setroot")));
        Message l = f.call("kvs.lookup", "{\"key\":\"a.b\",\"flags\":0,\"namespace\":\"primary\"}");
        TreeObj val = TreeObj.fromJson(ModuleFixture.json(l).get("val"));
        assertEquals("hello", new String(((TreeObj.Val) val).data(), StandardCharsets.UTF_8));
    }

    @Test
    void initialRootrefStartsThePrimaryNamespaceThere() throws Exception {
        f.start(new KvsModule());
        commit("data", "3");
        String three = ModuleFixture.json(f.call("kvs.getroot", "{\"namespace\":\"primary\",\"flags\":0}")).get("rootref").asText();
        commit("data", "5");
        ModuleFixture g = content.serve(new ModuleFixture().attribute("security.owner", "100")
                .args("initial-rootref=" + three));
        g.start(new KvsModule());
        Message root = g.call("kvs.getroot", "{\"namespace\":\"primary\",\"flags\":0}");
        assertEquals(three, ModuleFixture.json(root).get("rootref").asText());
        assertEquals(0, ModuleFixture.json(root).get("rootseq").asInt());
        TreeObj val = TreeObj.fromJson(ModuleFixture.json(
                g.call("kvs.lookup", "{\"key\":\"data\",\"flags\":0,\"namespace\":\"primary\"}")).get("val"));
        assertEquals("3", new String(((TreeObj.Val) val).data(), StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("initial-rootref=abcdefghijklmnop").start(new KvsModule()));
        assertTrue(e.getMessage().startsWith("kvs: invalid initial-rootref"), e.getMessage());
    }

    @Test
    void aMissingKeyIsEnoent() throws Exception {
        f.start(new KvsModule());
        assertError(Errno.ENOENT, null, f.call("kvs.lookup", "{\"key\":\"nope\",\"flags\":0,\"namespace\":\"primary\"}"));
    }

    @Test
    void malformedRequestsAreEprotoNamingTheField() throws Exception {
        f.start(new KvsModule());
        assertError(Errno.EPROTO, "missing \"key\"", f.call("kvs.lookup", "{\"flags\":0,\"namespace\":\"primary\"}"));
        assertError(Errno.EPROTO, "\"flags\" must be an integer",
                f.call("kvs.lookup", "{\"key\":\"a\",\"flags\":\"0\",\"namespace\":\"primary\"}"));
        assertError(Errno.EPROTO, "\"ops\" must be an array",
                f.call("kvs.commit", "{\"namespace\":\"primary\",\"flags\":0,\"ops\":{}}"));
        assertError(Errno.EPROTO, null, f.callRaw("kvs.getroot", "not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownNamespaceIsEnotsup() throws Exception {
        f.start(new KvsModule());
        assertError(Errno.ENOTSUP, "namespace nosuch does not exist", f.call("kvs.getroot", "{\"namespace\":\"nosuch\"}"));
    }

    @Test
    void aGuestMayNotUseTheOwnersNamespaceNorCreateOne() throws Exception {
        f.start(new KvsModule());
        Message.Builder getroot = Message.request("kvs.getroot").payloadJson(Json.parse("{\"namespace\":\"primary\"}", "x"))
                .cred(2000, Roles.USER);
        assertError(Errno.EPERM, null, f.call(getroot));
        Message.Builder create = Message.request("kvs.namespace-create").cred(2000, Roles.USER);
        assertError(Errno.EPERM, null, f.call(create));
    }

    @Test
    void requestsBeforeTheRootIsKnownWaitForIt() throws Exception {
        ModuleFixture slow = new ModuleFixture()
                .answer("content.checkpoint-get", m -> {
                    throw new RequestException(Errno.EIO, "disk on fire");
                });
        slow.start(new KvsModule());
        assertError(Errno.EIO, null, slow.call("kvs.getroot", "{\"namespace\":\"primary\"}"));
        assertTrue(slow.logged("kvs: error reading the root checkpoint: disk on fire"));
    }

    @Test
    void anUnknownLoadArgumentFailsTheLoad() {
        ModuleFixture g = new ModuleFixture().args("bogus=1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.start(new KvsModule()));
        assertEquals("kvs: unknown module option: 'bogus=1'", e.getMessage());
    }

    @Test
    void aFollowerForwardsToRankZeroAsTheRequester() throws Exception {
        ModuleFixture follower = new ModuleFixture().rank(1, 2)
                .answer("kvs.getroot", m -> Json.parse("{\"rootseq\":7,\"userid\":" + m.userid() + "}", "x"));
        follower.start(new KvsModule());
        Message r = follower.call(Message.request("kvs.getroot").payloadJson(Json.parse("{\"namespace\":\"primary\"}", "x"))
                .cred(2000, Roles.USER));
        assertEquals(7, ModuleFixture.json(r).get("rootseq").asInt());
        assertEquals(2000, ModuleFixture.json(r).get("userid").asInt());
        assertEquals(0, follower.sent("kvs.getroot").get(0).nodeid());
    }

    @Test
    void kvsConfigIsCheckedKeyByKeyAtLoadAndReload() throws Exception {
        ConfigKeyException e = assertThrows(ConfigKeyException.class,
                () -> new ModuleFixture().config("{\"kvs\":{\"checkpoint-period\":\"xyz\"}}").start(new KvsModule()));
        assertEquals("kvs.checkpoint-period: invalid checkpoint-period config: xyz", e.key() + ": " + e.getMessage());
        f.config("{\"kvs\":{\"gc-threshold\":5}}").start(new KvsModule());
        String[][] refused = {
            {"{\"kvs\":{\"gc-threshold\":0}}", "kvs.gc-threshold: must be at least 1"},
            {"{\"kvs\":{\"max-value-size\":\"1M\"}}", "kvs.max-value-size: must be an integer"},
            {"{\"kvs\":{\"durable-commits\":1}}", "kvs.durable-commits: must be a boolean"},
            {"{\"kvs\":{\"nosuch\":1}}", "kvs.nosuch: unknown key"},
            {"{\"kvs\":3}", "kvs: must be a table"},
        };
        for (String[] c : refused) {
            ConfigKeyException r = assertThrows(ConfigKeyException.class, () -> f.reloadConfig(c[0]));
            assertEquals(c[1], r.key() + ": " + r.getMessage());
            assertEquals(5, f.config().path("kvs").path("gc-threshold").asInt(), "the old configuration stays");
        }
        f.reloadConfig("{\"kvs\":{\"checkpoint-period\":\"1h\",\"durable-commits\":false}}");
    }
}
