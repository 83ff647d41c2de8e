package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * A {@code SCHEME:VALUE[?QUERY]} option argument (RFC 26 dependencies, taskmaps) turned into
 * an entry {@code {"scheme": ..., "value": ..., query keys...}} as flux-core's {@code URIArg}
 * does with Python's {@code urlparse}.
 */
final class UriArg {
    private UriArg() {
    }

    static ObjectNode entry(String arg, String name) throws FormatException {
        String uri = arg.contains(":") ? arg : arg + ":";
        // urlparse drops leading C0 controls and spaces, and tab, CR and LF anywhere
        String url = uri.replaceFirst("^[\\x00-\\x20]+", "").replaceAll("[\\t\\r\\n]", "");
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon) : "";
        if (scheme.isEmpty() || !Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) > 127
                || !scheme.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
            throw new FormatException("Invalid " + name + " URI \"" + uri + "\"");
        }
        String rest = url.substring(colon + 1);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        String value = q >= 0 ? rest.substring(0, q) : rest;
        String query = q >= 0 ? rest.substring(q + 1) : "";
        ObjectNode entry = Json.object();
        entry.put("scheme", scheme.toLowerCase());
        entry.put("value", value);
        for (Map.Entry<String, List<String>> e : parseQs(query).entrySet()) {
            List<String> vals = e.getValue();
            if (vals.size() > 1) {
                ArrayNode a = entry.putArray(e.getKey());
                for (String v : vals) {
                    a.add(number(v));
                }
            } else {
                entry.set(e.getKey(), number(vals.get(0)));
            }
        }
        return entry;
    }

    /** Python's {@code parse_qs}: blank values dropped, '+' is a space, %-escapes decoded. */
    private static Map<String, List<String>> parseQs(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String field : query.split("&", -1)) {
            int eq = field.indexOf('=');
            if (eq < 0 || eq == field.length() - 1) {
                continue;
            }
            String k = decode(field.substring(0, eq));
            String v = decode(field.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' ');
        }
    }

    /** flux-core's {@code _try_number}: int, then float, else the string. */
    private static JsonNode number(String v) {
        BigInteger i = Py.parseInt(v);
        if (i != null) {
            return Json.mapper().getNodeFactory().numberNode(i);
        }
        Double d = Py.parseFloat(v);
        if (d != null) {
            return DoubleNode.valueOf(d);
        }
        return TextNode.valueOf(v);
    }
}
