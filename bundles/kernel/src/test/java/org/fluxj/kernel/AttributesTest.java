package org.fluxj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fluxj.formats.msg.Errno;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void flagsAsFluxCoreTable() throws Exception {
        Attributes a = new Attributes();
        a.setInternal("rank", "0");
        assertEquals(Errno.EINVAL, assertThrows(Attributes.AttrException.class,
                () -> a.setCmdline("size", "2")).errno());
        assertEquals(Errno.ENOENT, assertThrows(Attributes.AttrException.class,
                () -> a.setByRequest("frob", "1", false)).errno());
        a.setByRequest("test.x", "1", false);
        a.setByRequest("test.x", "2", false);
        assertEquals("2", a.get("test.x").orElseThrow());
        a.setByRequest("test-nr.y", "1", false);
        assertThrows(Attributes.AttrException.class, () -> a.setByRequest("test-nr.y", "2", false));
        a.setByRequest("test-nr.y", "2", true);
        assertEquals(Errno.EPERM, assertThrows(Attributes.AttrException.class, () -> a.delete("rank")).errno());
        assertEquals(1, a.exposedFlags("rank"));
        a.delete("test.x");
        assertTrue(a.get("test.x").isEmpty());
    }
}
