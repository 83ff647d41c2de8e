package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;

/**
 * The RFC 42 / RFC 24 I/O object ({@code stream}, {@code rank}, {@code data}, {@code encoding},
 * {@code eof}), encoded and decoded as flux-core's ioencode does: data that is not valid UTF-8
 * goes as base64.
 */
final class IoObject {
    final String stream;
    final byte[] data;
    final boolean eof;

    private IoObject(String stream, byte[] data, boolean eof) {
        this.stream = stream;
        this.data = data;
        this.eof = eof;
    }

    static ObjectNode encode(String stream, String rank, byte[] data, boolean eof) {
        ObjectNode o = Json.object();
        o.put("stream", stream);
        o.put("rank", rank);
        if (data != null && data.length > 0) {
            String text = utf8(data);
            if (text != null) {
                o.put("data", text);
            } else {
                o.put("encoding", "base64");
                o.put("data", Base64.getEncoder().encodeToString(data));
            }
        }
        if (eof) {
            o.put("eof", true);
        }
        return o;
    }

    /** Decodes an I/O object; EPROTO if it lacks stream or rank, or has neither data nor eof. */
    static IoObject decode(JsonNode o) throws RexecException {
        if (o == null || !o.isObject() || !text(o, "stream") || !text(o, "rank")
                || (o.has("encoding") && !text(o, "encoding"))) {
            throw proto();
        }
        JsonNode d = o.get("data");
        JsonNode e = o.get("eof");
        boolean hasData = d != null && d.isTextual();
        boolean hasEof = e != null && e.isBoolean();
        if (!hasData && !hasEof) {
            throw proto();
        }
        byte[] data = new byte[0];
        if (hasData) {
            if ("base64".equals(o.path("encoding").asText(null))) {
                try {
                    data = Base64.getDecoder().decode(d.textValue());
                } catch (IllegalArgumentException x) {
                    throw proto();
                }
            } else {
                data = d.textValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new IoObject(o.get("stream").textValue(), data, hasEof && e.booleanValue());
    }

    private static boolean text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v != null && v.isTextual();
    }

    private static RexecException proto() {
        return new RexecException(Errno.EPROTO, Errno.EPROTO.message());
    }

    /** The text, or null if the bytes are not valid UTF-8. */
    static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
