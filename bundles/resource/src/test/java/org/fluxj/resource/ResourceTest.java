package org.fluxj.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.formats.rset.ResourceSet;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The resource module on a {@link ModuleFixture}, over a KVS the test keeps. */
class ResourceTest {
    private final Map<String, String> kvs = new TreeMap<>();

    private ModuleFixture fixture(String config) throws Exception {
        ModuleFixture f = new ModuleFixture().rank(0, 2).attribute("hostlist", "n[0-1]");
        if (config != null) {
            f.config(config);
        }
        f.answer("kvs.commit", m -> {
            for (JsonNode op : m.payloadJson().path("ops")) {
                String data = new String(((TreeObj.Val) TreeObj.fromJson(op.path("dirent"))).data(),
                        StandardCharsets.UTF_8);
                String key = op.path("key").asText();
                boolean append = (op.path("flags").asInt() & KvsFlags.APPEND) != 0;
                kvs.put(key, append ? kvs.getOrDefault(key, "") + data : data);
            }
            return Json.object();
        });
        f.answer("kvs.lookup", m -> {
            String v = kvs.get(m.payloadJson().path("key").asText());
            if (v == null) {
                throw new RequestException(Errno.ENOENT);
            }
            return Json.object().set("val", TreeObj.Val.of(v).toJson());
        });
        f.answer("groups.get", m -> Json.object().put("members", "0-1"));
        f.start(new Resource());
        return f;
    }

    private List<String> events() throws Exception {
        List<String> names = new ArrayList<>();
        for (EventlogEntry e : Eventlog.decode(kvs.getOrDefault(Reslog.KEY, ""))) {
            names.add(e.name());
        }
        return names;
    }

    @Test
    void probesOneNodePerRankAndStoresR() throws Exception {
        ModuleFixture f = fixture(null);
        ResourceSet r = ResourceSet.parse(kvs.get("resource.R"));
        assertEquals(2, r.nnodes());
        assertEquals("n[0-1]", r.nodelist().orElseThrow().encode());
        assertEquals(List.of("resource-define"), events());
        assertTrue(kvs.get(Reslog.KEY).contains("\"method\":\"dynamic-discovery\""));
        JsonNode s = ModuleFixture.json(f.call("resource.status", "{}"));
        assertEquals("0-1", s.path("online").asText());
        assertEquals("", s.path("offline").asText());
        assertEquals(2, ResourceSet.fromJson(s.path("R")).nnodes());
    }

    @Test
    void configuredRWinsAndExcludeIsKept() throws Exception {
        ModuleFixture f = fixture("{\"resource\":{\"noverify\":true,\"exclude\":\"a1\","
                + "\"config\":[{\"hosts\":\"a[0-1]\",\"cores\":\"0-3\"}]}}");
        JsonNode s = ModuleFixture.json(f.call("resource.status", "{}"));
        assertEquals("1", s.path("exclude").asText());
        assertEquals(8, ResourceSet.fromJson(s.path("R")).count("core"));
        assertTrue(kvs.get(Reslog.KEY).contains("\"method\":\"configuration\""));
        ModuleFixture.assertError(Errno.EINVAL, "rank 1 excluded",
                f.call("resource.drain", "{\"targets\":\"1\",\"reason\":\"x\"}"));
        JsonNode sched = ModuleFixture.json(f.call("resource.sched-status", "{}"));
        assertEquals(1, ResourceSet.fromJson(sched.path("all")).nnodes());
    }

    @Test
    void drainUndrainAndReplay() throws Exception {
        ModuleFixture f = fixture(null);
        assertEquals(Message.class, f.call("resource.drain", "{\"targets\":\"n1\",\"reason\":\"bad fan\"}").getClass());
        JsonNode drain = ModuleFixture.json(f.call("resource.status", "{}")).path("drain");
        assertEquals("bad fan", drain.path("1").path("reason").asText());
        ModuleFixture.assertError(Errno.EEXIST, "rank 1 already drained",
                f.call("resource.drain", "{\"targets\":\"1\",\"reason\":\"again\"}"));
        f.call("resource.drain", "{\"targets\":\"1\",\"reason\":\"again\",\"mode\":\"overwrite\"}");

        // a restart reads the drains back from the eventlog, and R from the KVS
        ModuleFixture g = fixture(null);
        drain = ModuleFixture.json(g.call("resource.status", "{}")).path("drain");
        assertEquals("again", drain.path("1").path("reason").asText());
        assertTrue(kvs.get(Reslog.KEY).contains("\"method\":\"kvs\""));
        g.call("resource.undrain", "{\"targets\":\"1\"}");
        assertEquals(0, ModuleFixture.json(g.call("resource.status", "{}")).path("drain").size());
        assertEquals(List.of("resource-define", "drain", "drain", "resource-define", "undrain"), events());
        ModuleFixture.assertError(Errno.EEXIST, "rank 1 not drained", g.call("resource.undrain", "{\"targets\":\"1\"}"));
    }

    @Test
    void badRequestsAreRefusedByName() throws Exception {
        ModuleFixture f = fixture(null);
        ModuleFixture.assertError(Errno.EPROTO, "missing \"targets\"", f.call("resource.drain", "{}"));
        ModuleFixture.assertError(Errno.EPROTO, "\"targets\" must be a string", f.call("resource.drain", "{\"targets\":1}"));
        ModuleFixture.assertError(Errno.EPROTO, "\"reason\" must be a string",
                f.call("resource.drain", "{\"targets\":\"1\",\"reason\":[]}"));
        ModuleFixture.assertError(Errno.EINVAL, "idset is out of range", f.call("resource.drain", "{\"targets\":\"5\"}"));
        ModuleFixture.assertError(Errno.EINVAL, "invalid targets: invalid hosts: foo",
                f.call("resource.drain", "{\"targets\":\"foo\"}"));
        ModuleFixture.assertError(Errno.EINVAL, "Invalid mode specified",
                f.call("resource.drain", "{\"targets\":\"1\",\"mode\":\"sideways\"}"));
        ModuleFixture.assertError(Errno.EINVAL, "invalid undrain mode 'x' specified",
                f.call("resource.undrain", "{\"targets\":\"1\",\"mode\":\"x\"}"));
        ModuleFixture.assertError(Errno.EPERM, null, f.call(Message.request("resource.drain")
                .cred(2000, Roles.USER).payloadJson(Json.parse("{\"targets\":\"1\"}", "test"))));
        assertEquals(List.of("resource-define"), events()); // nothing was posted
        // a guest may read the status
        assertTrue(ModuleFixture.json(f.call(Message.request("resource.status").cred(2000, Roles.USER)
                .payloadJson(Json.object()))).has("R"));
    }

    @Test
    void whatKeepsRFromBeingDefinedFailsTheLoadOrAnswersEveryRequest() throws Exception {
        ModuleFixture f = new ModuleFixture().config("{\"resource\":{\"path\":\"/nonexistent/R.json\"}}");
        assertThrows(FormatException.class, () -> f.start(new Resource()));
        kvs.put(Reslog.KEY, "not an eventlog\n");
        ModuleFixture g = fixture(null);
        ModuleFixture.assertError(Errno.EAGAIN, null, g.call("resource.status", "{}"));
        assertTrue(g.logged("resource.eventlog: "), g.logs().toString());
    }

    @Test
    void otherRanksRefuseStatusAndUnknownKeysFailTheLoad() throws Exception {
        ModuleFixture f = new ModuleFixture().rank(1, 2);
        f.start(new Resource());
        ModuleFixture.assertError(Errno.EPROTO, "this RPC only works on rank 0", f.call("resource.status", "{}"));
        ModuleFixture g = new ModuleFixture().config("{\"resource\":{\"verify\":true}}");
        assertThrows(ConfigKeyException.class, () -> g.start(new Resource()));
        ModuleFixture h = new ModuleFixture().config("{\"resource\":{\"bogus\":1}}");
        assertThrows(ConfigKeyException.class, () -> h.start(new Resource()));
    }
}
