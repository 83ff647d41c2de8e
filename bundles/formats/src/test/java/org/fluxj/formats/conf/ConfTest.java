package org.fluxj.formats.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfTest {

    @Test
    void tomlBecomesJson() throws FormatException {
        ObjectNode o = Conf.parseToml("[tbon]\nfanout = 2\ntorpid_max = \"30s\"\n[access]\nallow-guest-user = true\n"
                + "[[resource.config]]\nhosts = \"n[0-1]\"\nratio = 0.5\n", "t.toml");
        assertEquals("{\"tbon\":{\"fanout\":2,\"torpid_max\":\"30s\"},\"access\":{\"allow-guest-user\":true},"
                + "\"resource\":{\"config\":[{\"hosts\":\"n[0-1]\",\"ratio\":0.5}]}}", Json.encode(o));
    }

    @Test
    void directoryFilesMergeInNameOrderLaterValuesWin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.toml"), "[tbon]\nfanout = 3\n");
        Files.writeString(dir.resolve("a.toml"), "[tbon]\nfanout = 2\ntopo = \"kary:2\"\n");
        Files.writeString(dir.resolve("ignored.conf"), "not toml at all [");
        assertEquals("{\"tbon\":{\"fanout\":3,\"topo\":\"kary:2\"}}", Json.encode(Conf.load(dir)));
    }

    @Test
    void singleFilesTomlOrJson(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("c.json"), "{\"kvs\":{\"checkpoint-period\":\"30m\"}}");
        assertEquals("30m", Conf.load(json).at("/kvs/checkpoint-period").asText());
        Path toml = Files.writeString(dir.resolve("c.toml"), "[kvs]\ncheckpoint-period = \"1h\"\n");
        assertEquals("1h", Conf.load(toml).at("/kvs/checkpoint-period").asText());
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.toml"), "[ok]\na = 1\n[broken\n");
        FormatException e = assertThrows(FormatException.class, () -> Conf.load(dir));
        assertTrue(e.getMessage().startsWith(bad + ":3: "), e.getMessage());
        e = assertThrows(FormatException.class, () -> Conf.parseToml("a = 1\na = 2\n", "dup.toml"));
        assertTrue(e.getMessage().startsWith("dup.toml:2: "), e.getMessage());
        e = assertThrows(FormatException.class, () -> Conf.load(dir.resolve("missing.toml")));
        assertEquals(dir.resolve("missing.toml") + ": No such file or directory", e.getMessage());
        Path json = Files.writeString(dir.resolve("bad.json"), "{\"a\":");
        e = assertThrows(FormatException.class, () -> Conf.load(json));
        assertTrue(e.getMessage().startsWith(json + ": invalid JSON"), e.getMessage());
    }

    @Test
    void eachKeyIsTracedToTheFileThatSetItLast(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.toml"), "[kvs]\ncheckpoint-period = \"1h\"\ngc-threshold = 5\n");
        Path b = Files.writeString(dir.resolve("b.toml"), "[kvs]\ngc-threshold = 0\n");
        Conf.Loaded c = Conf.read(dir);
        assertEquals(a.toString(), c.fileOf("kvs.checkpoint-period"));
        assertEquals(b.toString(), c.fileOf("kvs.gc-threshold"));
        assertEquals(b.toString(), c.fileOf("kvs"), "the table was last set by b.toml");
        assertEquals(b.toString(), c.fileOf("kvs.missing"), "an absent key: its table's file");
        assertEquals(null, c.fileOf("tbon.topo"));
        assertEquals(b + ": kvs.gc-threshold: must be at least 1",
                c.describe(new ConfigKeyException("kvs.gc-threshold", "must be at least 1")));
        assertEquals("tbon.topo: must be a string",
                c.describe(new ConfigKeyException("tbon.topo", "must be a string")));
        Conf.Loaded one = Conf.read(a);
        assertEquals(a.toString(), one.fileOf("kvs.gc-threshold"));
        assertEquals(Conf.load(dir), c.config());
    }

    @Property(tries = 300)
    void anyTextParsesOrIsRefusedCleanly(@ForAll String text) {
        try {
            Conf.parseToml(text, "x.toml");
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("x.toml"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void confValuesAsFluxConfUpdateReadsThem(@TempDir Path dir) throws Exception {
        ObjectNode c = Json.object();
        Conf.update(c, "tbon.zmqdebug=1");
        Conf.update(c, "tbon.topo=kary:2");
        Conf.update(c, "[access]\nallow-guest-user = true\n");
        Conf.update(c, "{\"tbon\":{\"torpid_max\":\"5s\"}}");
        Path f = Files.writeString(dir.resolve("f.json"), "{\"kvs\":{\"gc-threshold\":5}}");
        Conf.update(c, f.toString());
        assertEquals("{\"tbon\":{\"zmqdebug\":1,\"topo\":\"kary:2\",\"torpid_max\":\"5s\"},"
                + "\"access\":{\"allow-guest-user\":true},\"kvs\":{\"gc-threshold\":5}}", Json.encode(c));
        assertThrows(FormatException.class, () -> Conf.update(c, "=1"));
        assertThrows(FormatException.class, () -> Conf.update(c, "notafile"));
        assertThrows(FormatException.class, () -> Conf.update(c, "{nope"));
        assertThrows(FormatException.class, () -> Conf.update(c, "a..b=1"));
        assertThrows(FormatException.class, () -> Conf.update(c, "tbon.zmqdebug.x=1")); // zmqdebug is no table
        assertThrows(FormatException.class, () -> Conf.update(c, dir.toString()));
    }

    @Test
    void textIsJsonOrToml() throws FormatException {
        assertEquals("{\"test\":{\"y\":{\"z\":42}}}", Json.encode(Conf.parseText("test.y.z=42\n", "stdin")));
        assertEquals("{}", Json.encode(Conf.parseText("", "stdin")));
        assertEquals("{\"a\":[1]}", Json.encode(Conf.parseText(" {\"a\":[1]}", "stdin")));
        assertThrows(FormatException.class, () -> Conf.parseText("[whoops", "stdin"));
        assertThrows(FormatException.class, () -> Conf.parseText("{\"a\":", "stdin"));
    }

    @Test
    void pathsGetSetDelete() throws FormatException {
        ObjectNode o = Json.object();
        JsonPath.set(o, "a.b.c", Json.mapper().getNodeFactory().numberNode(1));
        assertEquals(1, JsonPath.get(o, "a.b.c").asInt());
        assertEquals(null, JsonPath.get(o, "a.x.c"));
        assertEquals(null, JsonPath.get(o, "a.b.c.d"));
        JsonPath.delete(o, "a.b.c");
        JsonPath.delete(o, "not.a.key");
        assertEquals("{\"a\":{\"b\":{}}}", Json.encode(o));
        for (String bad : new String[] {"", ".", "a.", ".a", "a..b"}) {
            assertThrows(FormatException.class, () -> JsonPath.get(o, bad), bad);
            assertThrows(FormatException.class, () -> JsonPath.delete(o, bad), bad);
        }
        assertThrows(FormatException.class, () -> JsonPath.get(o, null));
    }

    @Test
    void builtinsInTreeAndInstalled(@TempDir Path home) throws IOException {
        assertEquals("/etc/flux", ConfBuiltin.get("confdir", ConfBuiltin.Hint.INSTALLED, home));
        assertEquals(home + "/etc/flux", ConfBuiltin.get("confdir", ConfBuiltin.Hint.INTREE, home));
        assertEquals("/etc/flux", ConfBuiltin.get("confdir", ConfBuiltin.Hint.AUTO, home));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        assertEquals(home + "/etc/flux", ConfBuiltin.get("confdir", ConfBuiltin.Hint.AUTO, home));
        assertEquals(null, ConfBuiltin.get("rundir", ConfBuiltin.Hint.INTREE, home));
        assertEquals("/run/flux", ConfBuiltin.get("rundir", ConfBuiltin.Hint.INSTALLED, home));
        assertEquals(null, ConfBuiltin.get("unknown", ConfBuiltin.Hint.INSTALLED, home));
        assertEquals(null, ConfBuiltin.get(null, ConfBuiltin.Hint.INSTALLED, home));
        assertEquals(null, ConfBuiltin.get("confdir", ConfBuiltin.Hint.INTREE, null));
        for (String key : ConfBuiltin.keys()) {
            String v = ConfBuiltin.get(key, ConfBuiltin.Hint.INSTALLED, home);
            assertTrue(v != null && !v.isEmpty(), key);
        }
    }

    @Property(tries = 300)
    void anyConfValueOrPathIsTakenOrRefusedCleanly(@ForAll String value) {
        ObjectNode c = Json.object();
        try {
            Conf.update(c, value);
        } catch (FormatException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        try {
            JsonPath.get(c, value);
            JsonPath.delete(c, value);
        } catch (FormatException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
