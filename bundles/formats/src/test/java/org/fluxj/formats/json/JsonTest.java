package org.fluxj.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The streaming reader and writer give what the mapper gives, types of numbers included. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"b\":-2,\"c\":18446744073709551616,\"d\":1.5,\"e\":1e300,\"f\":-0.0}",
        "[true,false,null,\"\\u00e9\\n\",[],{},[[{\"x\":[]}]]]",
        "\"just a string\"", "42", "3.25", "null", "{\"nested\":{\"deeper\":{\"k\":[1,{\"v\":0.1}]}}}"
    })
    void agreesWithTheMapper(String text) throws Exception {
        JsonNode ours = Json.parse(text, "doc");
        JsonNode theirs = Json.mapper().readTree(text);
        assertEquals(theirs, ours);
        assertEquals(Json.mapper().writeValueAsString(theirs), Json.encode(ours));
        assertEquals(ours, Json.parse(Json.encode(ours).getBytes(StandardCharsets.UTF_8), "doc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "[1,]", "{\"a\" 1}", "[1] 2", "{\"k\":1,\"k\":1}", "\"unterminated", "01", "[", "tru"})
    void refusesWhatTheMapperRefuses(String text) {
        FormatException e = assertThrows(FormatException.class, () -> Json.parse(text, "doc"));
        assertTrue(e.getMessage().startsWith("doc: invalid JSON: ") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(Exception.class, () -> Json.mapper().readTree(text));
    }

    @Property
    void stringsRoundTrip(@ForAll String s) throws FormatException {
        String text = Json.encode(Json.array().add(s).get(0));
        assertEquals(s, Json.parse(text, "doc").textValue());
    }
}
