package org.fluxj.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Python format specs flux sproc ps takes, against what Python's str.format prints. */
class PyFormatTest {
    private static final Set<String> FIELDS = Set.of("pid", "state", "label", "cmd");
    private static final Map<String, Object> ITEM = Map.of("pid", 1234, "state", "R", "label", "lbl", "cmd", "sleep");

    private static String fmt(String f) {
        return PyFormat.parse(f, FIELDS).format(ITEM);
    }

    @Test
    void defaultPsFormatAndHeader() {
        PyFormat f = PyFormat.parse("{pid:>9} {state:<2} {label:<12} {cmd}", FIELDS);
        assertEquals("     1234 R  lbl          sleep", f.format(ITEM));
        assertEquals("      PID ST LABEL        COMMAND",
                f.header(Map.of("pid", "PID", "state", "ST", "label", "LABEL", "cmd", "COMMAND")));
    }

    @Test
    void specs() {
        assertEquals("1234:lbl", fmt("{pid}:{label}"));
        assertEquals("    1234", fmt("{pid:8}"), "numbers right-aligned by default");
        assertEquals("lbl     |", fmt("{label:8}|"), "strings left-aligned");
        assertEquals("00001234", fmt("{pid:08}"));
        assertEquals("**lbl***", fmt("{label:*^8}"));
        assertEquals("sl", fmt("{cmd:.2}"));
        assertEquals("1234", fmt("{pid:d}"));
        assertEquals("{1234}", fmt("{{{pid}}}"));
    }

    @Test
    void errors() {
        assertEquals("Unknown format field: nope",
                assertThrows(CommandException.class, () -> fmt("{nope}")).getMessage());
        assertThrows(CommandException.class, () -> fmt("{pid"));
        assertThrows(CommandException.class, () -> fmt("{pid:x}"));
        assertThrows(CommandException.class, () -> fmt("}"));
    }
}
