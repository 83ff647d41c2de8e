package org.fluxj.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerArgsTest {

    @Test
    void optionsThenInitialProgram() {
        BrokerArgs a = BrokerArgs.parse(new String[] {"-Srundir=/tmp/x", "--setattr=log-level=7", "-S", "a=b", "-v",
            "-c", "/etc/flux", "sh", "-c", "-v"});
        assertEquals(List.of("rundir=/tmp/x", "log-level=7", "a=b"), a.setattr);
        assertEquals("/etc/flux", a.configPath);
        assertEquals(1, a.verbose);
        assertEquals(List.of("sh", "-c", "-v"), a.program);
        assertNull(BrokerArgs.parse(new String[] {"-v"}).program);
        assertThrows(IllegalArgumentException.class, () -> BrokerArgs.parse(new String[] {"-Snovalue"}));
        assertThrows(IllegalArgumentException.class, () -> BrokerArgs.parse(new String[] {"--bogus"}));
    }

    @Test
    void runDescriptor(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.bndrun");
        Files.writeString(f, "# comment\n-runbundles: \\\n  a.b;version='[1,2)',\\\n  c\n-runproperties: k=v, x=y\n");
        RunDescriptor d = RunDescriptor.read(f);
        assertEquals(List.of("a.b", "c"), d.runbundles());
        assertEquals("v", d.runproperties().get("k"));
        assertEquals("y", d.runproperties().get("x"));
    }

    @Test
    void jsonArrayEscapes() {
        assertEquals("[\"a\\\"b\",\"c\\\\d\\n\"]", Main.jsonArray(List.of("a\"b", "c\\d\n")));
    }
}
