package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One response the server sent: a payload (maybe none) or an error. */
final class Reply {
    final JsonNode payload;
    final int errnum;
    final String text;

    Reply(JsonNode payload, int errnum, String text) {
        this.payload = payload;
        this.errnum = errnum;
        this.text = text;
    }

    boolean isError() {
        return errnum != 0;
    }

    String type() {
        return payload == null ? null : payload.path("type").asText(null);
    }

    boolean is(String type) {
        return type.equals(type());
    }

    /** The data of an output response, decoded. */
    String data() {
        JsonNode io = payload.path("io");
        if (!io.has("data")) {
            return "";
        }
        String d = io.get("data").asText();
        return "base64".equals(io.path("encoding").asText())
                ? new String(Base64.getDecoder().decode(d), StandardCharsets.ISO_8859_1) : d;
    }

    boolean isEof() {
        return payload != null && payload.path("io").path("eof").asBoolean(false);
    }

    String stream() {
        return payload.path("io").path("stream").asText();
    }

    @Override
    public String toString() {
        return isError() ? "error " + errnum + (text != null ? " " + text : "") : String.valueOf(payload);
    }
}
