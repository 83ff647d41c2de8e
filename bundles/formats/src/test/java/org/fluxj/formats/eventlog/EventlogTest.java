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
import net.jqwik.api.constraints.DoubleRange;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertEquals(log.replace("1552593348.092830", "1552593348.09283"), Eventlog.encode(entries));
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
        assertEquals("{\"timestamp\":1552593348.090927,\"name\":\"finish\",\"context\":{\"status\":0}}", f.toString());
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

    /** Reals as jansson 2.14 prints them: shortest round trip, Python repr layout. */
    @ParameterizedTest
    @ValueSource(strings = {
        "42.0",
        "1.0",
        "0.0",
        "-0.0",
        "1552593348.073045",
        "0.1",
        "1e16",
        "1e17",
        "1.2345678901234568e17",
        "0.0001",
        "1e-5",
        "0.00012345",
        "1.5e-7",
        "5e-324",
        "1.7976931348623157e308",
        "100.0",
        "1000000000000000.0",
        "9999999999999998.0",
        "1700000000.1234567",
        "2.5",
        "-3.75",
        "2379646.2709189137",
        "1.3042279608514273e18",
        "6039200385.961945",
        "580852084.3500558",
        "131679915548741.36",
        "4692323.376190216",
        "234330961046.69638",
        "4702635075224479.0",
        "54.96311670270055",
        "6.390681405441619e-7",
        "2.319220053766716e-7",
        "868045.3071432967",
        "3.899367208872129e-11",
        "6.714114753695926e-9",
        "1.5939993976228116e19",
        "0.05910995829313176",
        "7800764890835564.0",
        "86552.72369789456",
        "5.94749515643894e18",
        "878812800255.4817",
        "788.1088548980554",
        "394963404000743.94",
        "5.769096646057147e19",
        "9.355867217045211e17",
        "3.655196584571474e-10"
    })
    void realsAsJansson(String text) {
        assertEquals(text, Eventlog.formatTimestamp(Double.parseDouble(text)));
    }

    @Property
    void realsRoundTrip(@ForAll double d) {
        if (Double.isFinite(d)) {
            assertEquals(d, Double.parseDouble(Eventlog.formatTimestamp(d)));
        }
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
