package org.fluxj.formats.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * A period-delimited path into a JSON object ({@code tbon.torpid_max}), as flux-core's
 * libutil jpath reads and writes configuration keys: each component names a member of an
 * object; an empty component is refused.
 */
public final class JsonPath {

    private JsonPath() {
    }

    /** The value at {@code path}, or null if some component is not there (or not in an object). */
    public static JsonNode get(JsonNode root, String path) throws FormatException {
        JsonNode o = root;
        for (String part : split(path)) {
            o = o != null && o.isObject() ? o.get(part) : null;
        }
        return o;
    }

    /**
     * Sets the value at {@code path}, replacing what was there; missing objects on the way are
     * made. A component that is there but is not an object is refused.
     */
    public static void set(ObjectNode root, String path, JsonNode value) throws FormatException {
        String[] parts = split(path);
        ObjectNode dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = dir.get(parts[i]);
            if (next == null) {
                next = dir.set(parts[i], Json.object()).get(parts[i]);
            }
            if (!(next instanceof ObjectNode o)) {
                throw new FormatException(path + ": " + parts[i] + " is not a table");
            }
            dir = o;
        }
        dir.set(parts[parts.length - 1], value);
    }

    /** Removes the value at {@code path}; a path that is not there is no error. */
    public static void delete(ObjectNode root, String path) throws FormatException {
        String[] parts = split(path);
        JsonNode dir = root;
        for (int i = 0; i < parts.length - 1 && dir != null; i++) {
            dir = dir.get(parts[i]);
        }
        if (dir instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
    }

    private static String[] split(String path) throws FormatException {
        if (path == null) {
            throw new FormatException("path: none given");
        }
        String[] parts = path.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new FormatException("invalid path: '" + FormatException.printable(path) + "'");
            }
        }
        return parts;
    }
}
