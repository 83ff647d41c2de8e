package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/** Dotted-key assignment into a JSON tree, as flux-core's {@code set_treedict} does it. */
final class Tree {
    private Tree() {
    }

    /** flux-core's {@code _attr_key_prepend}: the full path of an attribute key. */
    static String attributePath(String key) {
        if (key.startsWith("attributes.")) {
            return key;
        }
        if (!key.startsWith("user.") && !key.startsWith("system.")) {
            key = "system." + key;
        }
        return "attributes." + key;
    }

    /** {@code Jobspec.setattr(key, value)}: sets the attribute, making levels on the way. */
    static void setattr(ObjectNode doc, String key, JsonNode value) throws FormatException {
        String path = attributePath(key);
        String[] parts = path.split("\\.", -1);
        JsonNode node = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!node.isObject()) {
                throw new FormatException("'" + Py.typeName(node) + "' object has no attribute 'setdefault'");
            }
            JsonNode next = node.get(parts[i]);
            if (next == null) {
                next = Json.object();
                ((ObjectNode) node).set(parts[i], next);
            }
            node = next;
        }
        if (!node.isObject()) {
            throw new FormatException("failed to set " + path + " to " + Py.str(value) + ": '"
                    + Py.typeName(node) + "' object does not support item assignment");
        }
        ((ObjectNode) node).set(parts[parts.length - 1], value);
    }
}
