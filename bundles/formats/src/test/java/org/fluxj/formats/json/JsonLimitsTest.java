package org.fluxj.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

/** What flux-core (jansson) reads is read; past a limit, reading and writing fail naming it. */
class JsonLimitsTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void longMemberNamesAreRead() throws FormatException {
        String name = "k".repeat(60_000); // a KVS key of 60,000 characters is a directory entry's name
        JsonNode n = Json.parse("{\"" + name + "\":1}", "dir");
        assertEquals(1, n.get(name).asInt());
        assertEquals(n, Json.parse(Json.encode(n), "dir"));
    }

    @Test
    void stringsOfAHundredMegabyteValueAreRead() throws FormatException {
        String base64 = "A".repeat(25_000_000); // over Jackson's default of 20 M characters
        assertEquals(base64.length(), Json.parse("\"" + base64 + "\"", "val").textValue().length());
    }

    @Test
    void nestingIsBoundedAsJanssonBoundsIt() throws FormatException {
        assertEquals(JsonLimits.MAX_NESTING_DEPTH, 2048);
        Json.parse(nested(2048), "doc");
        FormatException e = assertThrows(FormatException.class, () -> Json.parse(nested(2049), "doc"));
        assertEquals("doc: JSON nesting depth 2049 exceeds the nesting-depth limit (2048 levels)", e.getMessage());
    }

    @Test
    void aTreeNoReaderWouldReadIsNotWritten() {
        ArrayNode top = Json.array();
        ArrayNode a = top;
        for (int i = 1; i < 2048; i++) {
            a = a.addArray();
        }
        Json.encode(top);
        a.addArray();
        JsonLimitException e = assertThrows(JsonLimitException.class, () -> Json.encode(top));
        assertEquals("JSON nesting depth 2049 exceeds the nesting-depth limit (2048 levels)", e.getMessage());
    }

    @Test
    void limitErrorsNameTheLimit() {
        assertEquals("JSON string of 1073741825 characters exceeds the string-length limit (1073741824 characters)",
                assertThrows(JsonLimitException.class, () -> JsonLimits.checkStringLength(JsonLimits.MAX_STRING_LENGTH + 1L))
                        .getMessage());
        assertEquals("JSON document of 2147483648 bytes exceeds the document-length limit (2147483647 bytes)",
                assertThrows(JsonLimitException.class, () -> JsonLimits.checkDocument(1L << 31)).getMessage());
    }
}
