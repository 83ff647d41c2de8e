package org.fluxj.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void encodesCompactly() throws FormatException {
        assertEquals("{\"a\":[1,2],\"b\":\"x\"}", Json.encode(Json.parse("{ \"a\" : [1, 2], \"b\": \"x\" }", "doc")));
    }

    @Test
    void refusesMalformedDocuments() {
        FormatException e = assertThrows(FormatException.class, () -> Json.parse("{\"a\":", "jobspec"));
        assertTrue(e.getMessage().startsWith("jobspec: invalid JSON"), e.getMessage());
        assertThrows(FormatException.class, () -> Json.parse("", "doc"));
        assertThrows(FormatException.class, () -> Json.parse("{\"a\":1,\"a\":2}", "doc"));
        assertThrows(FormatException.class, () -> Json.parse("{} {}", "doc"));
        assertThrows(FormatException.class, () -> Json.parseObject("[1]", "doc"));
    }

    @Property
    void stringsRoundTrip(@ForAll String s) throws FormatException {
        String text = Json.encode(Json.mapper().getNodeFactory().textNode(s));
        assertEquals(s, Json.parse(text, "doc").textValue());
    }
}
