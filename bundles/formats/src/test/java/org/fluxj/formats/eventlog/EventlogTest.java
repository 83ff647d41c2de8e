package org.fluxj.formats.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;

class EventlogTest {

    /** flux-core test/eventlog.c goodevent. */
    static final List<String> GOOD_EVENTS = List.of(
            "{\"timestamp\":42.0,\"name\":\"foo\"}\n",
            "{\"timestamp\":42.0,\"name\":\"foo\",\"context\":{\"bar\":16}}\n");

    /** flux-core test/eventlog.c badevent. */
    static final List<String> BAD_EVENTS = List.of(
            "\n", "\n\n", "foo", "foo\n",
            "{\"timestamp\":42.0,\"name\":\"foo\"}",
            "{\"timestamp\":42.0,\"name\":\"foo\",\"context\":{\"bar\":16}}",
            "{\"timestamp\":42.0,\"name\":\"foo\"}\n\n",
            "\n{\"timestamp\":42.0,\"name\":\"foo\"}",
            "{\"timestamp\":\"foo\",\"name\":\"foo\"}\n",
            "{\"timestamp\":42.0,\"name\":18}\n",
            "{\"timestamp\":42.0}\n",
            "{\"name\":\"foo\"}\n",
            "{\"timestamp\":42.0,\"name\":\"foo\",\"context\":\"bar\"}");

    /** flux-core test/eventlog.c goodlog. */
    static final List<String> GOOD_LOGS = List.of(
            "",
            "{\"timestamp\":42.0,\"name\":\"foo\"}\n{\"timestamp\":42.0,\"name\":\"foo\"}\n",
            "{\"timestamp\":42.0,\"name\":\"foo\"}\n{\"timestamp\":42.0,\"name\":\"foo\",\"context\":{\"bar\":16}}\n");

    /** flux-core test/eventlog.c badlog. */
    static final List<String> BAD_LOGS = List.of(
            "{\"timestamp\":42.0,\"name\":\"foo\"}{\"timestamp\":42.0,\"name\":\"foo\"}\n",
            "{\"timestamp\":42.0,\"name\":\"foo\"}\n\n{\"timestamp\":42.0,\"name\":\"foo\"}\n");

    @Test
    void goodEventsAndLogsRoundTrip() throws FormatException {
        for (String s : GOOD_EVENTS) {
            assertEquals(s, Eventlog.encode(Eventlog.decode(s)));
            assertEquals(s, Eventlog.decodeEntry(s).encode());
        }
        for (String s : GOOD_LOGS) {
            assertEquals(s, Eventlog.encode(Eventlog.decode(s)));
        }
    }

    @Test
    void badEventsAndLogsRejected() {
        for (String s : BAD_EVENTS) {
            assertThrows(FormatException.class, () -> Eventlog.decodeEntry(s), s);
        }
        for (String s : BAD_LOGS) {
            assertThrows(FormatException.class, () -> Eventlog.decode(s), s);
        }
        assertThrows(FormatException.class, () -> Eventlog.decode(null));
        assertThrows(FormatException.class, () -> Eventlog.decodeEntry(null));
        assertThrows(FormatException.class, () -> Eventlog.decodeEntry(""));
    }

    @Test
    void malformedLogs() {
        List<String> bad = List.of("\n", "x", "x\n", "[]\n", "1\n", "null\n", "{}\n",
                "{\"timestamp\":1,\"name\":\"a\",\"context\":[]}\n", "{\"timestamp\":1,\"name\":\"a\",\"context\":null}\n",
                "{\"timestamp\":true,\"name\":\"a\"}\n", "{\"timestamp\":1,\"name\":null}\n",
                "{\"timestamp\":1,\"name\":\"a\"} x\n", "{\"timestamp\":1,\"name\":\"a\"\n",
                "{\"timestamp\":NaN,\"name\":\"a\"}\n", "{\"timestamp\":1e999,\"name\":\"a\"}\n",
                "{\"timestamp\":1,\"name\":\"a\",\"name\":\"b\"}\n");
        for (String s : bad) {
            FormatException e = assertThrows(FormatException.class, () -> Eventlog.decode(s), s);
            assertTrue(e.getMessage().startsWith("eventlog: line 1: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void errorNamesTheLine() {
        String log = "{\"timestamp\":1.0,\"name\":\"a\"}\n{\"timestamp\":2.0,\"name\":\"b\"}\n{\"timestamp\":3.0}\n";
        FormatException e = assertThrows(FormatException.class, () -> Eventlog.decode(log));
        assertEquals("eventlog: line 3: missing \"name\"", e.getMessage());
        e = assertThrows(FormatException.class, () -> Eventlog.decode("{\"name\":\"x\"}\n"));
        assertEquals("eventlog: line 1: missing \"timestamp\"", e.getMessage());
        e = assertThrows(FormatException.class, () -> Eventlog.decode("{}"));
        assertEquals("eventlog: line 1: missing newline", e.getMessage());
    }

    @Test
    void partialLastLineIsIgnored() throws FormatException {
        List<EventlogEntry> log = Eventlog.decode("{\"timestamp\":1.0,\"name\":\"a\"}\n{\"timest");
        assertEquals(1, log.size());
        assertEquals("a", log.get(0).name());
    }

    /** RFC 18 example (its "alloc" line, with an unquoted key, is not JSON and is left out). */
    @Test
    void rfc18Example() throws FormatException {
        String log = "{\"timestamp\":1552593348.073045,\"name\":\"submit\",\"context\":{\"urgency\":16,\"userid\":5588,\"flags\":0}}\n"
                + "{\"timestamp\":1552593547.411336,\"name\":\"urgency\",\"context\":{\"urgency\":0,\"userid\":5588}}\n"
                + "{\"timestamp\":1552593348.093541,\"name\":\"free\"}\n"
                + "{\"timestamp\":1552593348.089787,\"name\":\"start\"}\n"
                + "{\"timestamp\":1552593348.092830,\"name\":\"release\",\"context\":{\"ranks\":\"all\",\"final\":true}}\n"
                + "{\"timestamp\":1552593348.090927,\"name\":\"finish\",\"context\":{\"status\":0}}\n"
                + "{\"timestamp\":1552593348.104432,\"name\":\"clean\"}\n";
        List<EventlogEntry> entries = Eventlog.decode(log);
        assertEquals(7, entries.size());
        assertEquals(1552593348.073045, entries.get(0).timestamp());
        assertEquals("submit", entries.get(0).name());
        assertEquals(16, entries.get(0).context().get("urgency").asInt());
        assertNull(entries.get(2).context());
        // jansson 2.14 prints reals as %.17g: 1552593348.073045 stays, the others get their 17th digit
        assertEquals(log.replace("1552593547.411336", "1552593547.4113359")
                .replace("1552593348.093541", "1552593348.0935409")
                .replace("1552593348.092830", "1552593348.0928299")
                .replace("1552593348.090927", "1552593348.0909269")
                .replace("1552593348.104432", "1552593348.1044321"), Eventlog.encode(entries));
        assertTrue(Eventlog.containsEvent(log, "finish"));
        assertFalse(Eventlog.containsEvent(log, "alloc"));
        assertThrows(FormatException.class, () -> Eventlog.decode(log
                + "{\"timestamp\":1552593348.088391,\"name\":\"alloc\",context:{\"note\":\"rank0/core[0-1]\"}}\n"));
    }

    /** flux-core test/eventlog.c eventlog_entry_encoding. */
    @Test
    void createEntries() throws FormatException {
        assertEquals("{\"timestamp\":1.0,\"name\":\"foo\"}\n", EventlogEntry.create(1., "foo", null).encode());
        assertEquals("{\"timestamp\":1.0,\"name\":\"a a\"}\n", EventlogEntry.of(1., "a a").encode());
        assertEquals("{\"timestamp\":1.0,\"name\":\"foo\\n\"}\n", EventlogEntry.of(1., "foo\n").encode());
        assertEquals("{\"timestamp\":1.0,\"name\":\"foo\",\"context\":{\"data\":\"foo\"}}\n",
                EventlogEntry.create(1., "foo", "{\"data\":\"foo\"}").encode());
        assertEquals("{\"timestamp\":1.0,\"name\":\"foo\",\"context\":{\"data\":\"foo\"}}\n",
                EventlogEntry.create(1., "foo", "{\"data\":\"foo\"}\n").encode());
        EventlogEntry now = EventlogEntry.of(0., "foo");
        assertTrue(now.timestamp() > 1.5e9);
        assertEquals(now, Eventlog.decodeEntry(now.encode()));
        assertThrows(IllegalArgumentException.class, () -> EventlogEntry.of(1., null));
        assertThrows(IllegalArgumentException.class, () -> EventlogEntry.of(1., ""));
        assertThrows(IllegalArgumentException.class, () -> EventlogEntry.of(-1., "foo"));
        assertThrows(IllegalArgumentException.class, () -> EventlogEntry.of(Double.NaN, "foo"));
        assertThrows(FormatException.class, () -> EventlogEntry.create(1., "foo", ""));
        assertThrows(FormatException.class, () -> EventlogEntry.create(1., "foo", "foo"));
        assertThrows(FormatException.class, () -> EventlogEntry.create(1., "foo", "[\"foo\"]"));
    }

    @Test
    void contextIsACopyAndOtherMembersSurvive() throws FormatException {
        EventlogEntry e = Eventlog.decodeEntry("{\"name\":\"x\",\"extra\":[1.5,2],\"timestamp\":7,\"context\":{\"a\":0.25}}\n");
        assertEquals(7.0, e.timestamp());
        assertEquals("{\"name\":\"x\",\"extra\":[1.5,2],\"timestamp\":7,\"context\":{\"a\":0.25}}\n", e.encode());
        e.context().put("a", 1);
        assertEquals(0.25, e.context().get("a").asDouble());
        assertTrue(e.hasContext());
        ObjectNode ctx = Json.object();
        ctx.put("status", 0);
        EventlogEntry f = EventlogEntry.of(1552593348.090927, "finish", ctx);
        ctx.put("status", 9);
        assertEquals("{\"timestamp\":1552593348.0909269,\"name\":\"finish\",\"context\":{\"status\":0}}", f.toString());
    }

    @Test
    void containsEvent() throws FormatException {
        String log = GOOD_LOGS.get(2).replaceFirst("foo", "bar");
        assertFalse(Eventlog.containsEvent("", "foo"));
        assertTrue(Eventlog.containsEvent(log, "foo"));
        assertTrue(Eventlog.containsEvent(log, "bar"));
        assertFalse(Eventlog.containsEvent(log, "foobar"));
        assertThrows(FormatException.class, () -> Eventlog.containsEvent(BAD_LOGS.get(0), "foo"));
    }

    /** Timestamps print as every jansson real does (the cases are in JanssonTextTest). */
    @Test
    void formatTimestamp() {
        assertEquals("42.0", Eventlog.formatTimestamp(42));
        assertEquals("1552593348.073045", Eventlog.formatTimestamp(1552593348.073045));
        assertEquals("1552593348.0928299", Eventlog.formatTimestamp(1552593348.09283));
        assertThrows(IllegalArgumentException.class, () -> Eventlog.formatTimestamp(Double.NaN));
    }

    @Provide
    Arbitrary<EventlogEntry> entries() {
        Arbitrary<Double> ts = Arbitraries.doubles().between(1e-3, 4e9).ofScale(9);
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
        Arbitrary<ObjectNode> contexts = Arbitraries.maps(Arbitraries.strings().ofMaxLength(5),
                Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) i),
                        Arbitraries.doubles().map(x -> (Object) x),
                        Arbitraries.strings().ofMaxLength(6).map(x -> (Object) x)))
                .ofMaxSize(4).map(m -> (ObjectNode) Json.mapper().valueToTree(m)).injectNull(0.3);
        return Combinators.combine(ts, names, contexts).as(EventlogEntry::of);
    }

    @Property(tries = 500)
    void entriesRoundTrip(@ForAll("entries") EventlogEntry e) throws FormatException {
        String line = e.encode();
        assertEquals(1, line.chars().filter(c -> c == '\n').count());
        EventlogEntry back = Eventlog.decodeEntry(line);
        assertEquals(e.timestamp(), back.timestamp());
        assertEquals(e.name(), back.name());
        assertEquals(line, back.encode());
    }

    @Property(tries = 200)
    void logsRoundTrip(@ForAll("entries") EventlogEntry a, @ForAll("entries") EventlogEntry b) throws FormatException {
        String log = Eventlog.encode(List.of(a, b, a));
        assertEquals(log, Eventlog.encode(Eventlog.decode(log)));
    }

    @Property(tries = 2000)
    void anyTextDecodesOrThrowsFormatException(@ForAll String s) {
        try {
            Eventlog.decode(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("eventlog: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        try {
            Eventlog.decodeEntry(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("eventlog: "), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,\n 0123456789.e-timestampnamecontext").ofMaxLength(60);
    }

    @Property(tries = 2000)
    void jsonLikeTextDecodesOrThrowsFormatException(@ForAll("jsonish") String s) {
        try {
            Eventlog.decode(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("eventlog: "), e.getMessage());
        }
    }
}
