package org.fluxj.formats.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

    private static ObjectNode toml(String text) throws Exception {
        return Conf.parseToml(text, "t.toml");
    }

    private static void refused(String key, String problem, org.junit.jupiter.api.function.Executable e) {
        ConfigKeyException x = assertThrows(ConfigKeyException.class, e);
        assertEquals(key, x.key());
        assertEquals(problem, x.getMessage());
    }

    @Test
    void absentTableAndKeysGiveDefaults() throws Exception {
        ConfigTable t = ConfigTable.of(toml(""), "x");
        assertFalse(t.present());
        assertNull(t.string("s"));
        assertTrue(t.bool("b", true));
        assertEquals(7, t.integer("i", 7, 1, 10));
        assertEquals(2.0, t.duration("d", 2.0, "bad"));
        ConfigTable.of(null, "x").allowOnly();
    }

    @Test
    void valuesOfTheRightType() throws Exception {
        ConfigTable t = ConfigTable.of(toml("[x]\ns = \"a\"\nb = false\ni = 3\nd = \"1m\"\n"), "x");
        assertTrue(t.present());
        assertEquals("a", t.string("s"));
        assertFalse(t.bool("b", true));
        assertEquals(3, t.integer("i", 0, 1, 10));
        assertEquals(60.0, t.duration("d", 0, "bad"));
        assertEquals("x.s", t.key("s"));
        assertTrue(t.has("i"));
        t.allowOnly("s", "b", "i", "d");
    }

    @Test
    void sizesAreIntegersOrSuffixedStrings() throws Exception {
        ConfigTable t = ConfigTable.of(toml("[x]\na = 4096\nb = \"64M\"\nc = \"lots\"\nd = 1.5\ne = \"2G\"\n"), "x");
        assertEquals(4096, t.size("a", 0, 0, Long.MAX_VALUE));
        assertEquals(64L << 20, t.size("b", 0, 0, Long.MAX_VALUE));
        assertEquals(9, t.size("none", 9, 0, 10));
        refused("x.c", "invalid size 'lots'", () -> t.size("c", 0, 0, Long.MAX_VALUE));
        refused("x.d", "must be a size (an integer or a string such as \"64M\")", () -> t.size("d", 0, 0, 10));
        refused("x.e", "must be in the range of 0-1024", () -> t.size("e", 0, 0, 1024));
    }

    @Test
    void wrongTypesAndRangesAreRefusedNamingTheKey() throws Exception {
        refused("x", "must be a table", () -> ConfigTable.of(toml("x = 1\n"), "x"));
        ConfigTable t = ConfigTable.of(toml("[x]\ns = 1\nb = \"yes\"\ni = 1.5\nj = 11\nd = \"1y\"\nt = 2\n"
                + "u = { a = 1 }\n"), "x");
        refused("x.s", "must be a string", () -> t.string("s"));
        refused("x.b", "must be a boolean", () -> t.bool("b", false));
        refused("x.i", "must be an integer", () -> t.integer("i", 0, 0, 10));
        refused("x.j", "must be in the range of 0-10", () -> t.integer("j", 0, 0, 10));
        refused("x.j", "must be at least 12", () -> t.integer("j", 0, 12, Long.MAX_VALUE));
        refused("x.d", "invalid period: 1y", () -> t.duration("d", 0, "invalid period"));
        refused("x.t", "must be a string", () -> t.duration("t", 0, "invalid period"));
        refused("x.u", "not supported", () -> t.unsupported("u"));
        refused("x.u", "unknown key", () -> t.allowOnly("s", "b", "i", "j", "d", "t"));
    }
}
