package org.fluxj.kernel.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/**
 * A request's JSON payload read field by field, as flux-core's modules read theirs with
 * {@code flux_request_unpack}: a field that is missing or of the wrong type fails the request
 * with EPROTO and a message naming the field ({@code missing "key"}, {@code "flags" must be an
 * integer}). A JSON null counts as missing. Thrown from a handler, the {@link RequestException}
 * is the answer.
 */
public final class Request {
    private final Message message;
    private final ObjectNode payload;

    private Request(Message message, ObjectNode payload) {
        this.message = message;
        this.payload = payload;
    }

    /** The request's payload, which must be a JSON object (EPROTO otherwise). */
    public static Request of(Message message) throws RequestException {
        try {
            return new Request(message, message.payloadObject());
        } catch (FormatException e) {
            throw new RequestException(Errno.EPROTO, e.getMessage());
        }
    }

    public Message message() {
        return message;
    }

    /** The whole payload, for fields these readers do not cover. */
    public ObjectNode payload() {
        return payload;
    }

    /** Whether the field is present and not null. */
    public boolean has(String key) {
        return present(key) != null;
    }

    public String string(String key) throws RequestException {
        return string(required(key), key);
    }

    /** The field, or {@code dflt} if it is missing. */
    public String string(String key, String dflt) throws RequestException {
        JsonNode v = present(key);
        return v == null ? dflt : string(v, key);
    }

    /** An integer field, as a C int or uint32_t holds it (a uint32_t above 2^31 wraps). */
    public int integer(String key) throws RequestException {
        return (int) longInteger(key);
    }

    public int integer(String key, int dflt) throws RequestException {
        JsonNode v = present(key);
        return v == null ? dflt : (int) longInteger(v, key);
    }

    public long longInteger(String key) throws RequestException {
        return longInteger(required(key), key);
    }

    public long longInteger(String key, long dflt) throws RequestException {
        JsonNode v = present(key);
        return v == null ? dflt : longInteger(v, key);
    }

    public boolean bool(String key) throws RequestException {
        return bool(required(key), key);
    }

    public boolean bool(String key, boolean dflt) throws RequestException {
        JsonNode v = present(key);
        return v == null ? dflt : bool(v, key);
    }

    public ArrayNode array(String key) throws RequestException {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw wrongType(key, "an array");
        }
        return (ArrayNode) v;
    }

    public ObjectNode object(String key) throws RequestException {
        JsonNode v = required(key);
        if (!v.isObject()) {
            throw wrongType(key, "an object");
        }
        return (ObjectNode) v;
    }

    /** A field of any JSON type. */
    public JsonNode any(String key) throws RequestException {
        return required(key);
    }

    private JsonNode present(String key) {
        JsonNode v = payload.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private JsonNode required(String key) throws RequestException {
        JsonNode v = present(key);
        if (v == null) {
            throw new RequestException(Errno.EPROTO, "missing \"" + key + "\"");
        }
        return v;
    }

    private static String string(JsonNode v, String key) throws RequestException {
        if (!v.isTextual()) {
            throw wrongType(key, "a string");
        }
        return v.asText();
    }

    private static long longInteger(JsonNode v, String key) throws RequestException {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(key, "an integer");
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode v, String key) throws RequestException {
        if (!v.isBoolean()) {
            throw wrongType(key, "a boolean");
        }
        return v.asBoolean();
    }

    private static RequestException wrongType(String key, String what) {
        return new RequestException(Errno.EPROTO, "\"" + key + "\" must be " + what);
    }
}
