package org.fluxj.formats.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;

/**
 * One event of an event log (RFC 18): a timestamp in seconds since the epoch, a name, and an
 * optional context object. Immutable; the JSON object it was read from is kept whole, so that
 * members beyond the three RFC 18 keys and their order survive a decode and encode.
 */
public final class EventlogEntry {
    private final ObjectNode json;
    private final double timestamp;
    private final String name;

    private EventlogEntry(ObjectNode json, double timestamp, String name) {
        this.json = json;
        this.timestamp = timestamp;
        this.name = name;
    }

    /**
     * A new entry, as flux-core's eventlog_entry_pack: a timestamp of 0 means now.
     *
     * @throws IllegalArgumentException if the timestamp is negative or not finite, or the name
     *     is null or empty
     */
    public static EventlogEntry of(double timestamp, String name, ObjectNode context) {
        if (!(timestamp >= 0) || Double.isInfinite(timestamp)) {
            throw new IllegalArgumentException("eventlog: invalid timestamp " + timestamp);
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("eventlog: event name is empty");
        }
        double t = timestamp == 0. ? now() : timestamp;
        ObjectNode o = Json.object();
        o.put("timestamp", t);
        o.put("name", name);
        if (context != null) {
            o.set("context", context.deepCopy());
        }
        return new EventlogEntry(o, t, name);
    }

    /** A new entry without context; a timestamp of 0 means now. */
    public static EventlogEntry of(double timestamp, String name) {
        return of(timestamp, name, null);
    }

    /**
     * A new entry whose context is given as JSON text, as flux-core's eventlog_entry_create.
     *
     * @throws FormatException if the context is not a JSON object
     * @throws IllegalArgumentException as {@link #of(double, String, ObjectNode)}
     */
    public static EventlogEntry create(double timestamp, String name, String context) throws FormatException {
        ObjectNode c = null;
        if (context != null) {
            JsonNode node = Json.parse(context, "eventlog: context");
            if (!node.isObject()) {
                throw new FormatException("eventlog: context is not a JSON object");
            }
            c = (ObjectNode) node;
        }
        return of(timestamp, name, c);
    }

    private static double now() {
        Instant i = Instant.now();
        return 1E-9 * i.getNano() + i.getEpochSecond();
    }

    /**
     * An entry from its JSON object, checked as flux-core's eventlog_entry_validate: an object
     * with a numeric {@code timestamp}, a string {@code name} and, if present, an object
     * {@code context}. Other members are kept.
     *
     * @throws FormatException naming what is wrong
     */
    public static EventlogEntry fromJson(JsonNode entry) throws FormatException {
        return fromJson(entry, "eventlog");
    }

    static EventlogEntry fromJson(JsonNode entry, String where) throws FormatException {
        if (entry == null || !entry.isObject()) {
            throw new FormatException(where + ": entry is not a JSON object");
        }
        JsonNode name = entry.get("name");
        if (name == null) {
            throw new FormatException(where + ": missing \"name\"");
        }
        if (!name.isTextual()) {
            throw new FormatException(where + ": \"name\" is not a string");
        }
        JsonNode timestamp = entry.get("timestamp");
        if (timestamp == null) {
            throw new FormatException(where + ": missing \"timestamp\"");
        }
        if (!timestamp.isNumber() || !Double.isFinite(timestamp.doubleValue())) {
            throw new FormatException(where + ": \"timestamp\" is not a number");
        }
        JsonNode context = entry.get("context");
        if (context != null && !context.isObject()) {
            throw new FormatException(where + ": \"context\" is not an object");
        }
        return new EventlogEntry(((ObjectNode) entry).deepCopy(), timestamp.doubleValue(), name.textValue());
    }

    /** Seconds since the Unix epoch. */
    public double timestamp() {
        return timestamp;
    }

    public String name() {
        return name;
    }

    /** A copy of the context object, or null when the entry has none. */
    public ObjectNode context() {
        JsonNode c = json.get("context");
        return c == null ? null : (ObjectNode) c.deepCopy();
    }

    public boolean hasContext() {
        return json.has("context");
    }

    /** A copy of the entry's JSON object. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /**
     * The entry as one line of compact JSON with its newline, as eventlog_entry_encode:
     * {@code {"timestamp":42.0,"name":"foo","context":{"bar":16}}\n}.
     */
    public String encode() {
        return JanssonText.compact(json) + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventlogEntry e && e.json.equals(json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(json);
    }

    /** The entry's JSON text, without newline. */
    @Override
    public String toString() {
        return JanssonText.compact(json);
    }
}
