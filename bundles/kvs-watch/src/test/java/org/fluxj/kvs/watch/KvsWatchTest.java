package org.fluxj.kvs.watch;

import static org.fluxj.module.testing.ModuleFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** kvs-watch's handlers on a {@link ModuleFixture}, with the KVS's lookup-plus answered by the test. */
class KvsWatchTest {
    private static final String ROOT = "sha1-0000000000000000000000000000000000000001";
    private String value = "one";
    private long rootseq = 1;
    private final ModuleFixture f = new ModuleFixture().answer("kvs.lookup-plus", this::lookupPlus);

    private JsonNode lookupPlus(Message m) throws Exception {
        if (m.payloadObject().path("namespace").asText().equals("nosuch")) {
            throw new RequestException(Errno.ENOTSUP, "namespace nosuch does not exist");
        }
        var o = Json.object();
        if (value == null) {
            o.put("errno", Errno.ENOENT.number());
        } else {
            o.set("val", new TreeObj.Val(value.getBytes(StandardCharsets.UTF_8)).toJson());
        }
        o.put("rootseq", rootseq);
        o.put("rootref", ROOT);
        return o;
    }

    private static Message.Builder lookup(String key, int flags, boolean streaming) throws Exception {
        Message.Builder b = Message.request("kvs-watch.lookup")
                .payloadJson(Json.parse("{\"namespace\":\"primary\",\"key\":\"" + key + "\",\"flags\":" + flags + "}", "x"));
        return streaming ? b.streaming() : b;
    }

    private static String val(Message r) throws Exception {
        TreeObj t = TreeObj.fromJson(ModuleFixture.json(r).get("val"));
        return new String(((TreeObj.Val) t).data(), StandardCharsets.UTF_8);
    }

    private void setroot(long seq, String... keys) {
        var ev = Json.object();
        ev.put("namespace", "primary");
        ev.put("rootseq", seq);
        ev.put("rootref", ROOT);
        var k = ev.putArray("keys");
        List.of(keys).forEach(k::add);
        f.event("kvs.namespace-primary-setroot", ev);
    }

    @Test
    void aPlainLookupIsAnsweredOnceAsTheWatcher() throws Exception {
        f.start(new KvsWatch());
        Message r = f.call(lookup("a", 0, false).cred(2000, org.fluxj.formats.msg.Roles.USER));
        assertEquals("one", val(r));
        assertEquals(2000, f.sent("kvs.lookup-plus").get(0).userid(), "looked up with the watcher's credential");
    }

    @Test
    void aWatchSendsEachNewValueUntilCancelled() throws Exception {
        f.start(new KvsWatch());
        Message req = f.submit(lookup("a", KvsFlags.WATCH, true));
        value = "two";
        rootseq = 2;
        setroot(2, "a");
        setroot(3, "other"); // not a key of ours: no lookup, no response
        List<Message> rs = f.responsesTo(req);
        assertEquals(2, rs.size());
        assertEquals("one", val(rs.get(0)));
        assertEquals("two", val(rs.get(1)));
        assertEquals(2, f.sent("kvs.lookup-plus").size());
    }

    /** A guest may publish kvs.namespace-* events, but they are not the KVS's: the watch carries on. */
    @Test
    void aGuestsForgedNamespaceEventsAreNotHeard() throws Exception {
        f.start(new KvsWatch());
        Message req = f.submit(lookup("a", KvsFlags.WATCH, true));
        f.event(1001, Roles.USER, "kvs.namespace-primary-removed", Json.object());
        var forged = Json.object();
        forged.put("namespace", "primary").put("rootseq", 99).put("rootref", ROOT).putArray("keys").add("a");
        f.event(1001, Roles.USER, "kvs.namespace-primary-setroot", forged);
        assertEquals(1, f.responsesTo(req).size());
        assertEquals(1, f.sent("kvs.lookup-plus").size());
        value = "two";
        setroot(2, "a");
        List<Message> rs = f.responsesTo(req);
        assertEquals(2, rs.size());
        assertEquals("two", val(rs.get(1)));
    }

    @Test
    void cancelEndsTheStreamWithEnodata() throws Exception {
        f.start(new KvsWatch());
        Message req = f.submit(lookup("a", KvsFlags.WATCH, true));
        f.submit(Message.request("kvs-watch.cancel").noResponse()
                .payloadJson(Json.parse("{\"matchtag\":" + req.matchtag() + "}", "x")));
        List<Message> rs = f.responsesTo(req);
        assertError(Errno.ENODATA, null, rs.get(rs.size() - 1));
        assertEquals(0, ModuleFixture.json(f.call("kvs-watch.stats-get", "{}")).get("watchers").asInt());
    }

    @Test
    void malformedRequestsAreEprotoNamingTheField() throws Exception {
        f.start(new KvsWatch());
        assertError(Errno.EPROTO, "missing \"key\"", f.call("kvs-watch.lookup", "{\"namespace\":\"primary\",\"flags\":0}"));
        assertError(Errno.EPROTO, "\"flags\" must be an integer",
                f.call("kvs-watch.lookup", "{\"namespace\":\"primary\",\"key\":\"a\",\"flags\":\"x\"}"));
        assertError(Errno.EPROTO, "KVS watch request rejected without streaming RPC flag",
                f.call(lookup("a", KvsFlags.WATCH, false)));
    }

    @Test
    void errorsOfTheKvsReachTheWatcher() throws Exception {
        f.start(new KvsWatch());
        value = null;
        assertError(Errno.ENOENT, null, f.call(lookup("a", 0, false)));
        Message.Builder ns = Message.request("kvs-watch.lookup")
                .payloadJson(Json.parse("{\"namespace\":\"nosuch\",\"key\":\"a\",\"flags\":0}", "x"));
        assertError(Errno.ENOTSUP, "namespace nosuch does not exist", f.call(ns));
        assertError(Errno.EINVAL, "empty key", f.call(lookup("", 0, false)));
    }

    @Test
    void waitcreateWaitsForTheKeyToAppear() throws Exception {
        f.start(new KvsWatch());
        value = null;
        Message req = f.submit(lookup("a", KvsFlags.WAITCREATE, false));
        assertEquals(List.of(), f.responsesTo(req));
        value = "made";
        rootseq = 2;
        setroot(2, "a");
        assertEquals("made", val(f.responsesTo(req).get(0)));
    }
}
