package org.fluxj.formats.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;

/**
 * The one Jackson configuration every fluxj component uses for JSON payloads and documents.
 * Output is compact; for text byte for byte as flux-core's jansson prints it, use
 * {@link JanssonText}.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private Json() {
    }

    /** The shared mapper; configured once, thread-safe, never reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; {@code what} names the document in the error message. */
    public static JsonNode parse(String text, String what) throws FormatException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new FormatException(what + ": empty JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FormatException(what + ": invalid JSON: " + FormatException.oneLine(e.getOriginalMessage()));
        }
    }

    /** Parses a JSON object; anything else is refused. */
    public static ObjectNode parseObject(String text, String what) throws FormatException {
        JsonNode node = parse(text, what);
        if (!node.isObject()) {
            throw new FormatException(what + ": expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /** Compact JSON text (Jackson's; reals differ from jansson's, see {@link JanssonText}). */
    public static String encode(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    /** The type of a JSON value as jansson names it in messages: object, array, string, integer, real, true, false, null. */
    public static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        } else if (node.isObject()) {
            return "object";
        } else if (node.isArray()) {
            return "array";
        } else if (node.isTextual()) {
            return "string";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "real";
        } else if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        return "null";
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
