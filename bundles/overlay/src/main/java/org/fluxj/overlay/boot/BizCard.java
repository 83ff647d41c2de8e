package org.fluxj.overlay.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * A broker's business card, as flux-core's bizcard.c: its host, its CURVE public key (absent
 * in config boot, where every broker shares one certificate) and the URIs it listens on,
 * exchanged through PMI under the key of the broker's rank. Encoded as the compact JSON
 * flux-core writes: {@code {"host":"h","uri":["tcp://..."],"pubkey":"..."}}.
 */
public record BizCard(String host, String pubkey, List<String> uris) {

    public BizCard {
        if (host == null) {
            throw new IllegalArgumentException("business card has no host");
        }
        uris = List.copyOf(uris);
    }

    public String encode() {
        ObjectNode o = Json.object();
        o.put("host", host);
        ArrayNode a = o.putArray("uri");
        uris.forEach(a::add);
        if (pubkey != null) {
            o.put("pubkey", pubkey);
        }
        return o.toString();
    }

    public static BizCard decode(String s) throws FormatException {
        JsonNode o = Json.parse(s, "business card");
        JsonNode host = o.get("host");
        JsonNode pubkey = o.get("pubkey");
        JsonNode uri = o.get("uri");
        if (host == null || !host.isTextual() || (pubkey != null && !pubkey.isTextual()) || uri == null
                || !uri.isArray()) {
            throw new FormatException("business card: expected {\"host\":s, \"pubkey\"?:s, \"uri\":[s]}: " + s);
        }
        List<String> uris = new ArrayList<>();
        for (JsonNode u : uri) {
            if (!u.isTextual() || !u.asText().contains("://")) {
                throw new FormatException("business card: invalid uri " + u);
            }
            uris.add(u.asText());
        }
        return new BizCard(host.asText(), pubkey == null ? null : pubkey.asText(), uris);
    }

    /** The first URI with {@code scheme} (e.g. "ipc://"), or the first of all if scheme is null; null if none. */
    public String uri(String scheme) {
        for (String u : uris) {
            if (scheme == null || u.startsWith(scheme)) {
                return u;
            }
        }
        return null;
    }
}
