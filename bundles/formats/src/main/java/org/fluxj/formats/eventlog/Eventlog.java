package org.fluxj.formats.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;

/**
 * Event logs (RFC 18): newline-terminated lines, each one JSON object entry. Decoding follows
 * flux-core's eventlog_decode: an empty string is an empty log, anything else needs at least
 * one newline, every newline-terminated line must be a valid entry, and text after the last
 * newline (an entry still being appended) is ignored.
 */
public final class Eventlog {
    private Eventlog() {
    }

    /**
     * Decodes an event log.
     *
     * @throws FormatException naming the line at fault, e.g.
     *     {@code eventlog: line 3: missing "name"}
     */
    public static List<EventlogEntry> decode(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("eventlog: null input");
        }
        if (s.isEmpty()) {
            return Collections.emptyList();
        }
        if (s.indexOf('\n') < 0) {
            throw new FormatException("eventlog: line 1: missing newline");
        }
        List<EventlogEntry> entries = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
            entries.add(decodeLine(s.substring(start, nl), "eventlog: line " + line));
            start = nl + 1;
            line++;
        }
        return Collections.unmodifiableList(entries);
    }

    /**
     * Decodes one entry that ends with its newline and has no other, as eventlog_entry_decode.
     *
     * @throws FormatException if it is not exactly one valid newline-terminated entry
     */
    public static EventlogEntry decodeEntry(String s) throws FormatException {
        if (s == null || s.isEmpty()) {
            throw new FormatException("eventlog: empty entry");
        }
        int nl = s.indexOf('\n');
        if (nl != s.length() - 1) {
            throw new FormatException(nl < 0 ? "eventlog: entry missing newline"
                    : "eventlog: entry has a newline before its end");
        }
        return decodeLine(s.substring(0, nl), "eventlog");
    }

    private static EventlogEntry decodeLine(String line, String where) throws FormatException {
        if (line.isEmpty()) {
            throw new FormatException(where + ": empty line");
        }
        return EventlogEntry.fromJson(Json.parse(line, where), where);
    }

    /** The log's text: each entry's compact JSON and a newline; empty for no entries. */
    public static String encode(List<EventlogEntry> entries) {
        StringBuilder b = new StringBuilder();
        for (EventlogEntry e : entries) {
            b.append(e.encode());
        }
        return b.toString();
    }

    /** One entry's line with its newline (same as {@link EventlogEntry#encode()}). */
    public static String encodeEntry(EventlogEntry entry) {
        return entry.encode();
    }

    /**
     * Whether the log holds an event of this name, as eventlog_contains_event.
     *
     * @throws FormatException if the log does not decode
     */
    public static boolean containsEvent(String eventlog, String name) throws FormatException {
        for (EventlogEntry e : decode(eventlog)) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A real number as flux-core's JSON (jansson 2.14) writes it, e.g. timestamps:
     * {@link JanssonText#real(double)}, so {@code 42.0}, {@code 1552593348.0928299}.
     */
    public static String formatTimestamp(double seconds) {
        return JanssonText.real(seconds);
    }
}
