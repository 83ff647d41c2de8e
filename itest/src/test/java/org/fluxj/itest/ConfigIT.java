package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flux config} against a broker started with {@code --config-path} and {@code --conf}, as a
 * user drives it: get by type, set and unset, load from stdin and from a directory, reload, a
 * change a module refuses, and what a guest may do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigIT {
    static Path dir;
    static TestBroker broker;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("configit-");
        Files.writeString(dir.resolve("a.toml"), "[foo]\na = 42\nb = \"meep\"\nc = \"50s\"\nd = 3.14\n"
                + "f = [\"fubar\", \"barfu\"]\n[foo.bar]\na = true\n");
        broker = new TestBroker("--config-path=" + dir, "--conf=extra.k=1", "--conf", "[extra.t]\nx = \"y\"\n");
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        for (String f : new String[] {"a.toml", "b.toml"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    private FluxCli.Result withInput(String stdin, String... args) {
        return FluxCli.runWithInput(stdin, Map.of("FLUX_URI", broker.uri()), args);
    }

    @Test
    @Order(1) // before anything changes the configuration
    void getByType() {
        assertEquals("42\n", broker.ok("config", "get", "--type=integer", "foo.a"));
        assertEquals("meep\n", broker.ok("config", "get", "foo.b"));
        assertEquals("50s\n", broker.ok("config", "get", "--type=fsd", "foo.c"));
        assertEquals("50\n", broker.ok("config", "get", "--type=fsd-integer", "foo.c"));
        assertEquals("50.000000\n", broker.ok("config", "get", "--type=fsd-real", "foo.c"));
        assertEquals("[\"fubar\",\"barfu\"]\n", broker.ok("config", "get", "-t", "array", "foo.f"));
        assertEquals("true\n", broker.ok("config", "get", "-t", "boolean", "foo.bar.a"));
        assertEquals("1\n", broker.ok("config", "get", "extra.k"), "from --conf KEY=VAL");
        assertEquals("y\n", broker.ok("config", "get", "extra.t.x"), "from --conf inline TOML");
        FluxCli.Result r = broker.flux("config", "get", "--type=fsd", "foo.b");
        assertEquals(new FluxCli.Result(1, "", "flux-config: foo.b does not have the requested type\n"), r);
        r = broker.flux("config", "get", "--type=oops", "foo.a");
        assertEquals("flux-config: Unknown type: oops\n", r.err());
        assertEquals("9\n", broker.ok("config", "get", "--default=9", "no.such.key"));
    }

    @Test
    void setUnsetLoadAndReload() throws IOException {
        broker.ok("config", "set", "--type=integer", "x.n", "42");
        broker.ok("config", "set", "x.n", "0x10"); // the type of the value it had
        assertEquals("16\n", broker.ok("config", "get", "--type=integer", "x.n"));
        broker.ok("config", "set", "--type=fsd", "x.d", "45m");
        assertEquals("2700\n", broker.ok("config", "get", "--type=fsd-integer", "x.d"));
        FluxCli.Result r = broker.flux("config", "set", "x.new", "1");
        assertEquals("flux-config: Type is unknown, please specify --type\n", r.err());
        r = broker.flux("config", "set", "--type=integer", "x.n", "hello");
        assertEquals("flux-config: Error parsing integer value\n", r.err());
        broker.ok("config", "unset", "x.n");
        broker.ok("config", "unset", "not.a.key");
        assertEquals(1, broker.flux("config", "get", "x.n").status());

        assertEquals(0, withInput("test.y.z = 42\n", "config", "load").status());
        assertEquals("{\"test\":{\"y\":{\"z\":42}}}\n", broker.ok("config", "get"));
        assertEquals(0, withInput("{\"j\":[1,2]}", "config", "load").status());
        assertEquals("{\"j\":[1,2]}\n", broker.ok("config", "get"));
        r = withInput("[whoops", "config", "load");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-config: TOML parse error: "), r.err());
        assertEquals(0, withInput("", "config", "load").status());
        assertEquals("{}\n", broker.ok("config", "get"));

        broker.ok("config", "load", dir.toString());
        assertEquals("42\n", broker.ok("config", "get", "foo.a"));
        Files.writeString(dir.resolve("b.toml"), "[more]\nv = 1\n");
        broker.ok("config", "reload");
        assertEquals("1\n", broker.ok("config", "get", "more.v"));
        Files.writeString(dir.resolve("b.toml"), "this is not toml\n");
        r = broker.flux("config", "reload");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-config: reload: Config file error: "), r.err());
        r = broker.flux("config", "load", dir.toString());
        assertTrue(r.err().startsWith("flux-config: Error parsing config: "), r.err());
        Files.delete(dir.resolve("b.toml"));
    }

    @Test
    void aChangeTheHeartbeatRefusesIsNotMade() {
        assertTrue(broker.ok("module", "list").contains("heartbeat"));
        String before = broker.ok("config", "get");
        FluxCli.Result r = broker.flux("config", "set", "--type=string", "heartbeat.period", "42XYZ");
        assertEquals(new FluxCli.Result(1, "", "flux-config: Error updating config object: error updating heartbeat:"
                + " heartbeat.period: error parsing heartbeat.period FSD value: 42XYZ\n"), r);
        assertEquals(before, broker.ok("config", "get"));
        broker.ok("config", "set", "--type=fsd", "heartbeat.period", "5s");
        assertEquals("5s\n", broker.ok("config", "get", "heartbeat.period"));
    }

    @Test
    void aGuestMayReadButNotChange() {
        Map<String, String> guest = Map.of("FLUX_URI", broker.uri(), "FLUX_HANDLE_USERID", "424242",
                "FLUX_HANDLE_ROLEMASK", "0x2");
        assertEquals(0, FluxCli.runWithInput(null, guest, "config", "get").status());
        FluxCli.Result r = FluxCli.runWithInput("{}", guest, "config", "load");
        assertEquals("flux-config: load: Request requires owner credentials\n", r.err());
        assertEquals(1, FluxCli.runWithInput(null, guest, "config", "reload").status());
        assertEquals(0, FluxCli.runWithInput(null, guest, "config", "builtin", "confdir").status());
    }

    @Test
    void brokerConfigOptions(@TempDir Path tmp) throws IOException {
        FluxCli.Result r = FluxCli.run("broker", "-Sbroker.rc1_path=", "-Sbroker.rc3_path=", "--conf=notafile", "true");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--conf: notafile"), r.err());
        Files.writeString(tmp.resolve("tbon.toml"), "[tbon]\nzmqdebug = \"notint\"\n");
        r = FluxCli.run("broker", "-Sbroker.rc1_path=", "-Sbroker.rc3_path=", "-c", tmp.toString(), "true");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("Config file error [tbon]: Expected integer, got string"), r.err());
        Files.writeString(tmp.resolve("tbon.toml"), "[tbon]\ntopo = \"kary:8\"\n");
        r = FluxCli.runWithInput(null, Map.of("FLUX_CONF_DIR", tmp.toString()), "broker", "-Sbroker.rc1_path=",
                "-Sbroker.rc3_path=", "sh", "-c", "flux getattr tbon.topo; flux getattr config.path");
        assertEquals(new FluxCli.Result(0, "kary:8\n" + tmp + "\n", ""), r);
    }
}
