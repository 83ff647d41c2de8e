package org.fluxj.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluxj.formats.FormatException;

/**
 * The one Jackson configuration every fluxj component uses for JSON payloads and documents.
 * Output is compact; for text byte for byte as flux-core's jansson prints it, use
 * {@link JanssonText}.
 *
 * <p>Trees are read and written with Jackson's streaming parser and generator, not an
 * ObjectMapper: setting one up costs a command ~40 ms of its start-up, and a message payload is
 * only ever a tree. The mapper ({@link #mapper()}, same settings) is made on first use, for
 * data binding and other formats.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(JsonLimits.readConstraints())
            .streamWriteConstraints(JsonLimits.writeConstraints())
            // KVS keys are member names: interning each would grow the JVM's string table for good
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** Made on first use only. */
    private static final class Mapper {
        static final JsonMapper INSTANCE = JsonMapper.builder(FACTORY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .build();
    }

    /** The shared mapper, for data binding; configured once, thread-safe, never reconfigured. */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** Parses JSON text; {@code what} names the document in the error message. */
    public static JsonNode parse(String text, String what) throws FormatException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return parse(p, what);
        } catch (IOException e) {
            throw invalid(e, what);
        }
    }

    /** Parses UTF-8 JSON; {@code what} names the document in the error message. */
    public static JsonNode parse(byte[] utf8, String what) throws FormatException {
        return parse(utf8, 0, utf8.length, what);
    }

    /** Parses the UTF-8 JSON in utf8[off, off+len). */
    public static JsonNode parse(byte[] utf8, int off, int len, String what) throws FormatException {
        try (JsonParser p = FACTORY.createParser(utf8, off, len)) {
            return parse(p, what);
        } catch (IOException e) {
            throw invalid(e, what);
        }
    }

    private static JsonNode parse(JsonParser p, String what) throws IOException, FormatException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new FormatException(what + ": empty JSON document");
        }
        JsonNode node = value(p, t);
        if ((t = p.nextToken()) != null) {
            throw new FormatException(what + ": invalid JSON: trailing " + t.asString() + " after the value");
        }
        return node;
    }

    private static FormatException invalid(IOException e, String what) {
        if (e instanceof StreamConstraintsException c) {
            return new FormatException(what + ": " + limitExceeded(c.getOriginalMessage()));
        }
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new FormatException(what + ": invalid JSON: " + FormatException.oneLine(m));
    }

    private static final Pattern CONSTRAINT = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed");

    /** Jackson's words for a read limit, in JsonLimits' words (the limit's name and value). */
    private static String limitExceeded(String jackson) {
        Matcher m = CONSTRAINT.matcher(jackson);
        String n = m.find() ? m.group(1) : "?";
        if (jackson.startsWith("String value length")) {
            return JsonLimits.exceeds("string of " + n + " characters", "string-length", JsonLimits.MAX_STRING_LENGTH + " characters");
        } else if (jackson.startsWith("Name length")) {
            return JsonLimits.exceeds("name of " + n + " characters", "name-length", JsonLimits.MAX_NAME_LENGTH + " characters");
        } else if (jackson.startsWith("Document nesting depth")) {
            return JsonLimits.exceeds("nesting depth " + n, "nesting-depth", JsonLimits.MAX_NESTING_DEPTH + " levels");
        } else if (jackson.startsWith("Document length")) {
            return JsonLimits.exceeds("document of " + n + " bytes", "document-length", JsonLimits.MAX_DOCUMENT_LENGTH + " bytes");
        } else if (jackson.startsWith("Number value length")) {
            return JsonLimits.exceeds("number of " + n + " digits", "number-length", JsonLimits.MAX_NUMBER_LENGTH + " digits");
        }
        return "invalid JSON: " + FormatException.oneLine(jackson);
    }

    /** The value starting at {@code t}; integers as BigInteger nodes, as the mapper makes them. */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    a.add(value(p, t));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /** Parses a JSON object; anything else is refused. */
    public static ObjectNode parseObject(String text, String what) throws FormatException {
        return object(parse(text, what), what);
    }

    /** Parses a JSON object from the UTF-8 in utf8[off, off+len); anything else is refused. */
    public static ObjectNode parseObject(byte[] utf8, int off, int len, String what) throws FormatException {
        return object(parse(utf8, off, len, what), what);
    }

    private static ObjectNode object(JsonNode node, String what) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(what + ": expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /**
     * Compact JSON text (Jackson's; reals differ from jansson's, see {@link JanssonText}). A tree
     * no reader would read back (over one of {@link JsonLimits}) is refused with a
     * {@link JsonLimitException} naming the limit.
     */
    public static String encode(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, node, 1);
        } catch (IOException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
        return w.toString();
    }

    /** Writes {@code n}, whose depth (if a container) is {@code depth}: the read limits are checked as it goes. */
    private static void write(JsonGenerator g, JsonNode n, int depth) throws IOException {
        if (n.isObject()) {
            JsonLimits.checkDepth(depth);
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonLimits.checkName(e.getKey());
                g.writeFieldName(e.getKey());
                write(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            JsonLimits.checkDepth(depth);
            g.writeStartArray();
            for (JsonNode e : n) {
                write(g, e, depth + 1);
            }
            g.writeEndArray();
        } else if (n.isTextual()) {
            JsonLimits.checkString(n.textValue());
            g.writeString(n.textValue());
        } else if (n.isBigInteger()) {
            g.writeNumber(n.bigIntegerValue());
        } else if (n.isIntegralNumber()) {
            g.writeNumber(n.longValue());
        } else if (n.isBigDecimal()) {
            g.writeNumber(n.decimalValue());
        } else if (n.isFloat()) {
            g.writeNumber(n.floatValue());
        } else if (n.isNumber()) {
            g.writeNumber(n.doubleValue());
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else if (n.isNull() || n.isMissingNode()) {
            g.writeNull();
        } else if (n.isBinary()) {
            g.writeBinary(n.binaryValue());
        } else {
            throw new IOException("cannot write a " + n.getNodeType() + " node");
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
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }
}
