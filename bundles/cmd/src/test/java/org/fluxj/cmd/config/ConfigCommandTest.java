package org.fluxj.cmd.config;

import org.fluxj.cmd.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flux config's value types, and what its subcommands refuse before they reach a broker. */
class ConfigCommandTest {

    @Test
    void valuesOfEachTypeAsConfigSetReadsThem() throws FormatException {
        Map<String, String[]> cases = Map.of(
                "integer", new String[] {"42", "42", "0x1f", "31", "010", "8", "-7", "-7"},
                "real", new String[] {"3.5", "3.5", "1e3", "1000.0", ".5", "0.5"},
                "boolean", new String[] {"true", "true", "false", "false", "0", "false", "", "false", "yes", "true"},
                "string", new String[] {"xyz", "\"xyz\"", "\"q\"", "\"q\""},
                "fsd", new String[] {"45m", "\"45m\""},
                "array", new String[] {"[1,2,3]", "[1,2,3]"},
                "object", new String[] {"{}", "{}"});
        for (var c : cases.entrySet()) {
            ConfigType t = ConfigType.named(c.getKey());
            for (int i = 0; i < c.getValue().length; i += 2) {
                assertEquals(c.getValue()[i + 1], Json.encode(t.parse(c.getValue()[i])), c.getKey() + " " + c.getValue()[i]);
            }
        }
        String[][] bad = {{"integer", "hello"}, {"integer", "1.5"}, {"integer", "99999999999999999999"},
            {"real", "hello"}, {"real", "inf"}, {"real", "1.5f"}, {"string", "\"hello"}, {"fsd", "hello"},
            {"array", "[1 2]"}, {"array", "{}"}, {"object", "{foo}"}, {"object", "[]"}};
        for (String[] b : bad) {
            assertThrows(FormatException.class, () -> ConfigType.named(b[0]).parse(b[1]), b[0] + " " + b[1]);
        }
        assertEquals(ConfigType.FSD_INTEGER, ConfigType.named("FSD-Integer"));
        assertNull(ConfigType.named("oops"));
    }

    @Test
    void valuesPrintedByType() throws FormatException {
        assertEquals("50", ConfigType.FSD_INTEGER.print(Json.parse("\"50s\"", "v")));
        assertEquals("2700.000000", ConfigType.FSD_REAL.print(Json.parse("\"45m\"", "v")));
        assertEquals("50s", ConfigType.FSD.print(Json.parse("\"50s\"", "v")));
        assertNull(ConfigType.FSD.print(Json.parse("\"meep\"", "v")));
        assertNull(ConfigType.FSD.print(Json.parse("42", "v")));
        assertNull(ConfigType.STRING.print(Json.parse("42", "v")));
        assertEquals("false", ConfigType.BOOLEAN.print(Json.parse("false", "v")));
        assertEquals("meep", ConfigType.ANY.print(Json.parse("\"meep\"", "v")));
        assertEquals("{\"a\":[1,\"x\"]}", ConfigType.OBJECT.print(Json.parse("{\"a\":[1,\"x\"]}", "v")));
    }

    @Property(tries = 300)
    void anyValueOfAnyTypeParsesOrIsRefusedCleanly(@ForAll String value) {
        for (ConfigType t : ConfigType.values()) {
            try {
                t.parse(value);
            } catch (FormatException e) {
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
        }
    }

    @Test
    void refusedBeforeAnyBrokerIsAsked() {
        assertEquals(new Run(1, "", "flux-config: Unknown type: oops\n"), Run.flux("config", "set", "--type=oops", "a", "1"));
        assertEquals(new Run(1, "", "flux-config: Invalid type for the set subcommand: fsd-integer\n"),
                Run.flux("config", "set", "--type=fsd-integer", "a", "1"));
        assertEquals(1, Run.flux("config", "set", "--type=string", "a").status());
        assertEquals(1, Run.flux("config", "unset").status());
        assertEquals(1, Run.flux("config", "load", "a", "b").status());
        Run r = Run.flux("config");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("flux-config: missing subcommand\n"), r.err());
    }

    @Test
    void getReadsFilesWithConfigPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("foo.toml"), "flag = 99\nd = \"50s\"\n");
        assertEquals(new Run(0, "99\n", ""), Run.flux("config", "get", "--config-path=" + dir, "flag"));
        assertEquals(new Run(0, "50\n", ""), Run.flux("config", "get", "-c", dir.resolve("foo.toml").toString(),
                "--type=fsd-integer", "d"));
        assertEquals(new Run(1, "", "flux-config: flag does not have the requested type\n"),
                Run.flux("config", "get", "-c", dir.toString(), "-t", "string", "flag"));
        assertEquals(new Run(0, "7\n", ""), Run.flux("config", "get", "-c", dir.toString(), "-d", "7", "no.such"));
        assertEquals(new Run(1, "", ""), Run.flux("config", "get", "-c", dir.toString(), "-q", "no.such"));
        assertEquals(1, Run.flux("config", "get", "-c", dir.toString(), "a..b").status());
        Files.writeString(dir.resolve("bad.toml"), "x x x\n");
        assertEquals(1, Run.flux("config", "get", "-c", dir.toString()).status());
        assertEquals(1, Run.flux("config", "get", "-c", "/not/a/file").status());
    }

    @Test
    void builtinsIntreeAndInstalledDiffer() {
        Run installed = Run.flux("config", "builtin", "--installed", "confdir");
        Run intree = Run.flux("config", "builtin", "--intree", "confdir");
        assertEquals(new Run(0, "/etc/flux\n", ""), installed);
        assertEquals(0, intree.status());
        assertTrue(!intree.out().equals(installed.out()), intree.out());
        assertEquals(new Run(1, "", "flux-config: unknown is invalid\n"), Run.flux("config", "builtin", "unknown"));
        assertEquals(1, Run.flux("config", "builtin").status());
    }
}
