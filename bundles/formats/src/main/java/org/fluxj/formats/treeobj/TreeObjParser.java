package org.fluxj.formats.treeobj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;

/** Validation as {@code treeobj_validate}, with one-line messages that say where the fault is. */
final class TreeObjParser {
    private static final BigInteger ONE = BigInteger.ONE;

    private TreeObjParser() {
    }

    static TreeObj parse(JsonNode node, String where) throws FormatException {
        if (node == null || !node.isObject()) {
            throw error(where, "expected a JSON object, got " + kind(node));
        }
        JsonNode ver = null;
        JsonNode type = null;
        JsonNode data = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "ver" -> ver = f.getValue();
                case "type" -> type = f.getValue();
                case "data" -> data = f.getValue();
                default -> throw error(where, "unexpected key " + BlobRef.quote(f.getKey()));
            }
        }
        if (ver == null || type == null || data == null) {
            throw error(where, "missing \"" + (ver == null ? "ver" : type == null ? "type" : "data") + "\"");
        }
        if (!ver.isIntegralNumber()) {
            throw error(where, "\"ver\" must be an integer, got " + kind(ver));
        }
        if (!ver.bigIntegerValue().equals(ONE)) {
            throw error(where, "unsupported version " + ver.bigIntegerValue());
        }
        if (!type.isTextual()) {
            throw error(where, "\"type\" must be a string, got " + kind(type));
        }
        String t = type.textValue();
        switch (t) {
            case "val":
                if (!data.isTextual()) {
                    throw error(where, "val data must be a base64 string, got " + kind(data));
                }
                try {
                    return new TreeObj.Val(Base64.getDecoder().decode(data.textValue()));
                } catch (IllegalArgumentException e) {
                    throw error(where, "val data is not base64: " + e.getMessage());
                }
            case "valref":
                return new TreeObj.ValRef(refs(data, where, t));
            case "dirref":
                return new TreeObj.DirRef(refs(data, where, t));
            case "dir": {
                if (!data.isObject()) {
                    throw error(where, "dir data must be an object, got " + kind(data));
                }
                TreeMap<String, TreeObj> entries = new TreeMap<>(SortedJson.KEY_ORDER);
                for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String path = where.isEmpty() ? e.getKey() : where + "." + e.getKey();
                    entries.put(e.getKey(), parse(e.getValue(), path));
                }
                return new TreeObj.Dir(entries);
            }
            case "symlink": {
                if (!data.isObject()) {
                    throw error(where, "symlink data must be an object, got " + kind(data));
                }
                JsonNode target = data.get("target");
                JsonNode ns = data.get("namespace");
                if (target == null || !target.isTextual()) {
                    throw error(where, "symlink target must be a string, got " + kind(target));
                }
                if (ns != null && !ns.isTextual()) {
                    throw error(where, "symlink namespace must be a string, got " + kind(ns));
                }
                for (Iterator<String> it = data.fieldNames(); it.hasNext();) {
                    String k = it.next();
                    if (!k.equals("target") && !k.equals("namespace")) {
                        throw error(where, "unexpected symlink key " + BlobRef.quote(k));
                    }
                }
                return new TreeObj.Symlink(Optional.ofNullable(ns == null ? null : ns.textValue()), target.textValue());
            }
            case "hdir":
                throw error(where, "type \"hdir\" is not implemented");
            default:
                throw error(where, "unknown type " + BlobRef.quote(t));
        }
    }

    private static List<BlobRef> refs(JsonNode data, String where, String type) throws FormatException {
        if (!data.isArray()) {
            throw error(where, type + " data must be an array of blobrefs, got " + kind(data));
        }
        if (data.isEmpty()) {
            throw error(where, type + " data must hold at least one blobref");
        }
        List<BlobRef> refs = new ArrayList<>(data.size());
        for (JsonNode r : (ArrayNode) data) {
            if (!r.isTextual()) {
                throw error(where, type + " data must be an array of blobrefs, found " + kind(r));
            }
            try {
                refs.add(BlobRef.parse(r.textValue()));
            } catch (FormatException e) {
                throw error(where, type + ": " + e.getMessage());
            }
        }
        return refs;
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> n.isIntegralNumber() ? "an integer" : "a real";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static FormatException error(String where, String what) {
        return new FormatException(where.isEmpty() ? "treeobj: " + what : "treeobj: entry " + BlobRef.quote(where) + ": " + what);
    }
}
