package org.fluxj.formats.treeobj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from flux-core's libkvs/test/kvs_util.c, and a few edges traced through the C. */
class KeyPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.b.c..d.e|a.b.c.d.e|false",
        ".a.b.c.d.e|a.b.c.d.e|false",
        "....a.b.c.d.e|a.b.c.d.e|false",
        "a.b.c.d.e.|a.b.c.d.e|true",
        "a.b.c.d.e.....|a.b.c.d.e|true",
        ".a....b.c.....d..e.....|a.b.c.d.e|true",
        ".|.|true",
        "....|.|true",
        "a|a|false",
        "a.|a|true",
        ".a|a|false",
        ".a.|a|true",
        "ab|ab|false",
    })
    void normalizesAsFluxCore(String in, String key, boolean directory) {
        KeyPath p = KeyPath.normalize(in);
        assertEquals(key, p.key());
        assertEquals(directory, p.directory());
    }

    @org.junit.jupiter.api.Test
    void emptyStaysEmpty() {
        assertEquals(new KeyPath("", false), KeyPath.normalize(""));
        assertTrue(KeyPath.normalize("..").isRoot());
        assertFalse(KeyPath.normalize("a").isRoot());
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars("ab.").ofMaxLength(12);
    }

    @Property
    void normalizingIsIdempotentAndLeavesNoDoubleSeparators(@ForAll("keys") String key) {
        KeyPath once = KeyPath.normalize(key);
        KeyPath twice = KeyPath.normalize(once.key());
        assertEquals(once.key(), twice.key());
        assertFalse(once.key().contains(".."));
        if (once.key().length() > 1) {
            assertFalse(once.key().startsWith(".") || once.key().endsWith("."), once.key());
        }
    }
}
