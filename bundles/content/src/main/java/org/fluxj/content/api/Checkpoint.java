package org.fluxj.content.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * A KVS root checkpoint, as flux-core's {@code kvs_checkpoint_commit} writes it:
 * {@code {"version":1,"rootref":R,"sequence":N,"timestamp":T}}.
 *
 * @param rootref the blobref of the root directory
 * @param sequence the root's sequence number
 * @param timestamp when the checkpoint was made (seconds since the epoch)
 */
public record Checkpoint(BlobRef rootref, long sequence, double timestamp) {
    public static final int VERSION = 1;

    public Checkpoint {
        Objects.requireNonNull(rootref, "rootref");
        if (!Double.isFinite(timestamp)) {
            throw new IllegalArgumentException("checkpoint timestamp must be finite");
        }
    }

    /**
     * Parses a checkpoint value as {@code kvs_checkpoint_parse_*}: version 0 or 1, a rootref;
     * sequence and timestamp default to 0.
     */
    public static Checkpoint fromJson(JsonNode value) throws FormatException {
        if (value == null || !value.isObject()) {
            throw new FormatException("checkpoint: expected a JSON object");
        }
        JsonNode version = value.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new FormatException("checkpoint: \"version\" must be an integer");
        }
        if (!version.canConvertToInt() || (version.intValue() != 0 && version.intValue() != 1)) {
            throw new FormatException("checkpoint: unsupported version " + version);
        }
        JsonNode rootref = value.get("rootref");
        if (rootref == null || !rootref.isTextual()) {
            throw new FormatException("checkpoint: \"rootref\" must be a string");
        }
        BlobRef ref;
        try {
            ref = BlobRef.parse(rootref.textValue());
        } catch (FormatException e) {
            throw new FormatException("checkpoint: rootref: " + e.getMessage());
        }
        long sequence = 0;
        JsonNode seq = value.get("sequence");
        if (seq != null) {
            if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
                throw new FormatException("checkpoint: \"sequence\" must be an integer");
            }
            sequence = seq.longValue();
        }
        double timestamp = 0;
        JsonNode ts = value.get("timestamp");
        if (ts != null) {
            if (!ts.isNumber()) {
                throw new FormatException("checkpoint: \"timestamp\" must be a number");
            }
            timestamp = ts.doubleValue();
        }
        return new Checkpoint(ref, sequence, timestamp);
    }

    /** Parses checkpoint text, as a backing store keeps it. */
    public static Checkpoint decode(String text) throws FormatException {
        return fromJson(Json.parse(text, "checkpoint"));
    }

    /** The compact JSON text, keys in flux-core's order. */
    public String encode() {
        return "{\"version\":" + VERSION + ",\"rootref\":\"" + rootref + "\",\"sequence\":" + sequence
                + ",\"timestamp\":" + real(timestamp) + "}";
    }

    /** The value as a Jackson tree, for a {@code checkpoint-get} response. */
    public JsonNode toJson() {
        try {
            return Json.parse(encode(), "checkpoint");
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String real(double d) {
        String s = new BigDecimal(Double.toString(d)).toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }
}
