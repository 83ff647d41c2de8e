package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/**
 * Reads a request's JSON object payload with the checks and texts of jansson's unpack, as
 * flux-core's server reports them: EPROTO "invalid request payload: Object item not present: pid".
 */
final class Payload {
    private static final String INVALID = "invalid request payload: ";

    private final ObjectNode object;

    private Payload(ObjectNode object) {
        this.object = object;
    }

    /**
     * The payload of {@code request}. A payload with a {@code signature} (RFC 42 signed form) is
     * refused with EPERM: this server has no flux-security.
     */
    static Payload of(Message request) throws RexecException {
        ObjectNode o;
        try {
            o = request.payloadObject();
        } catch (FormatException e) {
            throw new RexecException(Errno.EPROTO, "failed to unpack request: " + Errno.EPROTO.message());
        }
        if (o.has("signature")) {
            throw new RexecException(Errno.EPERM, "flux-security support not available");
        }
        return new Payload(o);
    }

    /** An empty payload for requests that may carry none ({@code list}). */
    static Payload ofOptional(Message request) throws RexecException {
        return request.hasPayload() ? of(request) : new Payload(Json.object());
    }

    ObjectNode object() {
        return object;
    }

    int requireInt(String key) throws RexecException {
        return toInt(key, require(key));
    }

    Integer optInt(String key) throws RexecException {
        JsonNode v = object.get(key);
        return v == null ? null : toInt(key, v);
    }

    String optString(String key) throws RexecException {
        JsonNode v = object.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw typeError("string", v);
        }
        return v.textValue();
    }

    /** Any JSON value ("o" in jansson's unpack). */
    JsonNode require(String key) throws RexecException {
        JsonNode v = object.get(key);
        if (v == null) {
            throw new RexecException(Errno.EPROTO, INVALID + "Object item not present: " + key);
        }
        return v;
    }

    private static int toInt(String key, JsonNode v) throws RexecException {
        if (!v.isIntegralNumber()) {
            throw typeError("integer", v);
        }
        if (!v.canConvertToInt()) {
            throw new RexecException(Errno.EPROTO, INVALID + key + ": integer out of range");
        }
        return v.intValue();
    }

    private static RexecException typeError(String expected, JsonNode got) {
        return new RexecException(Errno.EPROTO, INVALID + "Expected " + expected + ", got " + typeName(got));
    }

    static String typeName(JsonNode v) {
        switch (v.getNodeType()) {
            case OBJECT:
                return "object";
            case ARRAY:
                return "array";
            case STRING:
                return "string";
            case NUMBER:
                return v.isIntegralNumber() ? "integer" : "real";
            case BOOLEAN:
                return v.booleanValue() ? "true" : "false";
            default:
                return "null";
        }
    }
}
