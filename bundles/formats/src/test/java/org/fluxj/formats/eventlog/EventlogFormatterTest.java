package org.fluxj.formats.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;

class EventlogFormatterTest {

    /** One entry and what each flux-core format prints for it (raw, iso, offset, human with color). */
    record Case(String input, String raw, String iso, String offset, String human) {
    }

    private static final String C_BREAK = "\u001b[1m\u001b[32m";
    private static final String C_TIME = "\u001b[32m";
    private static final String C_NAME = "\u001b[33m";
    private static final String C_KEY = "\u001b[34m";
    private static final String C_STR = "\u001b[35m";
    private static final String C_NUM = "\u001b[37m";
    private static final String R = "\u001b[0m";

    private static String kv(String key, String value, boolean number) {
        return " " + C_KEY + key + R + "=" + (number ? C_NUM : C_STR) + value + R;
    }

    /**
     * flux-core's libeventlog/test/formatter.c table (a real job eventlog, TZ=UTC): the entries
     * are formatted in sequence, so offsets and minute breaks build on the ones before.
     */
    static final List<Case> CASES = List.of(
            new Case("{\"timestamp\":1699995759.5377746,\"name\":\"submit\",\"context\":{\"userid\":1001,\"urgency\":16,\"flags\":0,\"version\":1}}",
                    "1699995759.537775 submit userid=1001 urgency=16 flags=0 version=1",
                    "2023-11-14T21:02:39.537774Z submit userid=1001 urgency=16 flags=0 version=1",
                    "0.000000 submit userid=1001 urgency=16 flags=0 version=1",
                    C_BREAK + "[Nov14 21:02]" + R + " " + C_NAME + "submit" + R + kv("userid", "1001", true)
                            + kv("urgency", "16", true) + kv("flags", "0", true) + kv("version", "1", true)),
            new Case("{\"timestamp\":1699995759.5597851,\"name\":\"validate\"}",
                    "1699995759.559785 validate",
                    "2023-11-14T21:02:39.559785Z validate",
                    "0.022011 validate",
                    C_TIME + "[  +0.022011]" + R + " " + C_NAME + "validate" + R),
            new Case("{\"timestamp\":1699995759.5738351,\"name\":\"depend\"}",
                    "1699995759.573835 depend",
                    "2023-11-14T21:02:39.573835Z depend",
                    "0.036061 depend",
                    C_TIME + "[  +0.036061]" + R + " " + C_NAME + "depend" + R),
            new Case("{\"timestamp\":1699995759.5739679,\"name\":\"priority\",\"context\":{\"priority\":66963}}",
                    "1699995759.573968 priority priority=66963",
                    "2023-11-14T21:02:39.573967Z priority priority=66963",
                    "0.036193 priority priority=66963",
                    C_TIME + "[  +0.036193]" + R + " " + C_NAME + "priority" + R + kv("priority", "66963", true)),
            new Case("{\"timestamp\":1699995759.6055193,\"name\":\"prolog-start\",\"context\":{\"description\":\"job-manager.prolog\"}}",
                    "1699995759.605519 prolog-start description=\"job-manager.prolog\"",
                    "2023-11-14T21:02:39.605519Z prolog-start description=\"job-manager.prolog\"",
                    "0.067745 prolog-start description=\"job-manager.prolog\"",
                    C_TIME + "[  +0.067745]" + R + " " + C_NAME + "prolog-start" + R
                            + kv("description", "\"job-manager.prolog\"", false)),
            new Case("{\"timestamp\":1699995759.7634473,\"name\":\"prolog-finish\",\"context\":{\"description\":\"cray-pals-port-distributor\",\"status\":0}}",
                    "1699995759.763447 prolog-finish description=\"cray-pals-port-distributor\" status=0",
                    "2023-11-14T21:02:39.763447Z prolog-finish description=\"cray-pals-port-distributor\" status=0",
                    "0.225673 prolog-finish description=\"cray-pals-port-distributor\" status=0",
                    C_TIME + "[  +0.225673]" + R + " " + C_NAME + "prolog-finish" + R
                            + kv("description", "\"cray-pals-port-distributor\"", false) + kv("status", "0", true)),
            new Case("{\"timestamp\":1699995760.3859105,\"name\":\"start\"}",
                    "1699995760.385911 start",
                    "2023-11-14T21:02:40.385910Z start",
                    "0.848136 start",
                    C_TIME + "[  +0.848136]" + R + " " + C_NAME + "start" + R),
            new Case("{\"timestamp\":1699995760.7054179,\"name\":\"memo\",\"context\":{\"uri\":\"ssh://host/var/tmp/user/flux-0QZyMU/local-0\"}}",
                    "1699995760.705418 memo uri=\"ssh://host/var/tmp/user/flux-0QZyMU/local-0\"",
                    "2023-11-14T21:02:40.705417Z memo uri=\"ssh://host/var/tmp/user/flux-0QZyMU/local-0\"",
                    "1.167643 memo uri=\"ssh://host/var/tmp/user/flux-0QZyMU/local-0\"",
                    C_TIME + "[  +1.167643]" + R + " " + C_NAME + "memo" + R
                            + kv("uri", "\"ssh://host/var/tmp/user/flux-0QZyMU/local-0\"", false)),
            new Case("{\"timestamp\":1700074161.0240808,\"name\":\"finish\",\"context\":{\"status\":0}}",
                    "1700074161.024081 finish status=0",
                    "2023-11-15T18:49:21.024080Z finish status=0",
                    "78401.486306 finish status=0",
                    C_BREAK + "[Nov15 18:49]" + R + " " + C_NAME + "finish" + R + kv("status", "0", true)),
            new Case("{\"timestamp\":1700074161.0250554,\"name\":\"epilog-start\",\"context\":{\"description\":\"job-manager.epilog\"}}",
                    "1700074161.025055 epilog-start description=\"job-manager.epilog\"",
                    "2023-11-15T18:49:21.025055Z epilog-start description=\"job-manager.epilog\"",
                    "78401.487281 epilog-start description=\"job-manager.epilog\"",
                    C_TIME + "[  +0.000975]" + R + " " + C_NAME + "epilog-start" + R
                            + kv("description", "\"job-manager.epilog\"", false)),
            new Case("{\"timestamp\":1700074161.1864166,\"name\":\"release\",\"context\":{\"ranks\":\"all\",\"final\":true}}",
                    "1700074161.186417 release ranks=\"all\" final=true",
                    "2023-11-15T18:49:21.186416Z release ranks=\"all\" final=true",
                    "78401.648642 release ranks=\"all\" final=true",
                    C_TIME + "[  +0.162336]" + R + " " + C_NAME + "release" + R + kv("ranks", "\"all\"", false)
                            + kv("final", "true", false)),
            new Case("{\"timestamp\":1700074445.1199436,\"name\":\"epilog-finish\",\"context\":{\"description\":\"job-manager.epilog\",\"status\":0}}",
                    "1700074445.119944 epilog-finish description=\"job-manager.epilog\" status=0",
                    "2023-11-15T18:54:05.119943Z epilog-finish description=\"job-manager.epilog\" status=0",
                    "78685.582169 epilog-finish description=\"job-manager.epilog\" status=0",
                    C_BREAK + "[Nov15 18:54]" + R + " " + C_NAME + "epilog-finish" + R
                            + kv("description", "\"job-manager.epilog\"", false) + kv("status", "0", true)),
            new Case("{\"timestamp\":1700074445.120451,\"name\":\"clean\"}",
                    "1700074445.120451 clean",
                    "2023-11-15T18:54:05.120450Z clean",
                    "78685.582676 clean",
                    C_TIME + "[  +0.000507]" + R + " " + C_NAME + "clean" + R));

    private static JsonNode json(String s) throws FormatException {
        return Json.parse(s, "test");
    }

    /** Each format in its own formatter, fed the whole sequence (as flux-core's test feeds one). */
    @Test
    void everyFormatPrintsWhatFluxCorePrints() throws FormatException {
        EventlogFormatter raw = new EventlogFormatter().noNewline().zone(ZoneOffset.UTC);
        EventlogFormatter iso = new EventlogFormatter().noNewline().zone(ZoneOffset.UTC).timestampFormat("iso");
        EventlogFormatter offset = new EventlogFormatter().noNewline().zone(ZoneOffset.UTC).timestampFormat("offset");
        EventlogFormatter human = new EventlogFormatter().noNewline().zone(ZoneOffset.UTC).timestampFormat("human")
                .color(true);
        EventlogFormatter json = new EventlogFormatter().noNewline().entryFormat("json");
        for (Case c : CASES) {
            assertEquals(c.raw(), raw.format(json(c.input())), c.input());
            assertEquals(c.iso(), iso.format(json(c.input())), c.input());
            assertEquals(c.offset(), offset.format(json(c.input())), c.input());
            assertEquals(c.human(), human.format(json(c.input())), c.input());
            assertEquals(c.input(), json.format(json(c.input())));
        }
    }

    /** t1008-kvs-eventlog.t: two entries a second apart at 00:02 on 1 January 1970, TZ=UTC. */
    @Test
    void humanWithoutColorAsTheKvsEventlogTest() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().timestampFormat(EventlogFormatter.TimestampFormat.HUMAN)
                .zone(ZoneOffset.UTC);
        assertEquals("[Jan01 00:02] primus\n", f.format(EventlogEntry.of(120, "primus")));
        assertEquals("[  +1.000000] secondus\n", f.format(EventlogEntry.of(121, "secondus")));
        f.reset();
        assertEquals("[Jan01 00:02] secondus\n", f.format(EventlogEntry.of(121, "secondus")));
    }

    @Test
    void humanDatesAreLocalTime() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().timestampFormat("reltime").zone(ZoneId.of("America/Los_Angeles"));
        assertEquals("[Nov14 13:02] submit\n", f.format(EventlogEntry.of(1699995759.5377746, "submit")));
        EventlogFormatter iso = new EventlogFormatter().timestampFormat("ISO").zone(ZoneId.of("America/Los_Angeles"));
        assertEquals("2023-11-14T13:02:39.537774-08:00 submit\n", iso.format(EventlogEntry.of(1699995759.5377746, "submit")));
        EventlogFormatter india = new EventlogFormatter().timestampFormat("iso").zone(ZoneId.of("Asia/Kolkata"));
        assertEquals("1970-01-01T05:30:01.500000+05:30 x\n", india.format(EventlogEntry.of(1.5, "x")));
    }

    @Test
    void exceptionsAreBoldRedAndContextIsColoredOnlyWithColor() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().color(true).noNewline();
        String out = f.format(json("{\"timestamp\":1.0,\"name\":\"exception\",\"context\":{\"type\":\"cancel\","
                + "\"severity\":0,\"note\":null,\"x\":[1,{\"a\":2.5}]}}"));
        assertEquals(C_TIME + "1.000000" + R + " \u001b[1m\u001b[31mexception" + R + kv("type", "\"cancel\"", false)
                + kv("severity", "0", true) + kv("note", "null", false) + kv("x", "[1,{\"a\":2.5}]", false), out);
        f.color(false);
        assertEquals("1.000000 exception type=\"cancel\" severity=0 note=null x=[1,{\"a\":2.5}]",
                f.format(json("{\"timestamp\":1.0,\"name\":\"exception\",\"context\":{\"type\":\"cancel\","
                        + "\"severity\":0,\"note\":null,\"x\":[1,{\"a\":2.5}]}}")));
    }

    @Test
    void contextValuesAreJanssonCompactJson() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().noNewline();
        assertEquals("0.000000 n s=\"a\\\"b\\n\u00e9/\" r=0.10000000000000001 big=1.0000000000000001e300 e={}",
                f.format(json("{\"timestamp\":0,\"name\":\"n\",\"context\":{\"s\":\"a\\\"b\\n\u00e9/\",\"r\":0.1,"
                        + "\"big\":1e300,\"e\":{}}}")));
    }

    @Test
    void unformattedKeepsTheEntryAsWritten() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().unformatted(true).color(true)
                .timestampFormat(EventlogFormatter.TimestampFormat.HUMAN);
        assertEquals("{\"timestamp\":42,\"name\":\"foo\",\"context\":{\"bar\":16},\"extra\":1}\n",
                f.format(json("{\"timestamp\":42,\"name\":\"foo\",\"context\":{\"bar\":16},\"extra\":1}")));
    }

    @Test
    void malformedEntriesAreRefusedWithWhatIsWrong() {
        EventlogFormatter f = new EventlogFormatter();
        String[][] bad = {
            {"[1,2]", "not a JSON object"},
            {"{\"timestamp\":1.0}", "missing \"name\""},
            {"{\"name\":\"x\"}", "missing \"timestamp\""},
            {"{\"timestamp\":\"1\",\"name\":\"x\"}", "\"timestamp\" is not a number"},
            {"{\"timestamp\":1.0,\"name\":7}", "\"name\" is not a string"},
            {"{\"timestamp\":1.0,\"name\":\"bad\",\"context\":[\"foo\"]}", "\"context\" is not an object"},
            {"{\"timestamp\":1.0,\"name\":\"bad\",\"context\":null}", "\"context\" is not an object"},
        };
        for (String[] b : bad) {
            for (boolean json : new boolean[] {false, true}) {
                f.unformatted(json);
                FormatException e = assertThrows(FormatException.class, () -> f.format(json(b[0])), b[0]);
                assertTrue(e.getMessage().startsWith("eventlog: ") && e.getMessage().contains(b[1]), e.getMessage());
            }
        }
        assertThrows(FormatException.class, () -> f.format((JsonNode) null));
    }

    @Test
    void badOptionNamesAreRefused() {
        EventlogFormatter f = new EventlogFormatter();
        assertThrows(FormatException.class, () -> f.timestampFormat(""));
        assertThrows(FormatException.class, () -> f.timestampFormat((String) null));
        assertThrows(FormatException.class, () -> f.timestampFormat("relative"));
        assertThrows(FormatException.class, () -> f.entryFormat("foo"));
        assertThrows(FormatException.class, () -> f.entryFormat(null));
    }

    @Test
    void timesOutsideTheCalendar() throws FormatException {
        EventlogFormatter human = new EventlogFormatter().timestampFormat("human").zone(ZoneOffset.UTC);
        // negative: no date (timestamp_from_double fails), the raw value in brackets
        assertEquals("[  -1.500000] x\n", human.format(EventlogEntry.fromJson(json("{\"timestamp\":-1.5,\"name\":\"x\"}"))));
        assertEquals("[+100000000000000000000.000000] x\n",
                human.format(EventlogEntry.fromJson(json("{\"timestamp\":1e20,\"name\":\"x\"}"))));
        EventlogFormatter iso = new EventlogFormatter().timestampFormat("iso");
        FormatException e = assertThrows(FormatException.class,
                () -> iso.format(EventlogEntry.fromJson(json("{\"timestamp\":1e20,\"name\":\"x\"}"))));
        assertTrue(e.getMessage().contains("Value too large"), e.getMessage());
    }

    @Test
    void offsetsCountFromTheFirstEntryOrUpdateT0() throws FormatException {
        EventlogFormatter f = new EventlogFormatter().timestampFormat("offset").noNewline();
        f.updateT0(100);
        f.updateT0(50); // already set: ignored
        assertEquals("5.250000 a", f.format(EventlogEntry.of(105.25, "a")));
        f.reset();
        assertEquals("0.000000 a", f.format(EventlogEntry.of(105.25, "a")));
        assertEquals("-5.250000 b", f.format(EventlogEntry.of(100, "b")));
    }

    @Test
    void printfFixedRoundsTheExactValueHalfToEven() {
        assertEquals("0.007812", EventlogFormatter.fixed6(0.0078125)); // an exact tie: to even
        assertEquals("0.023438", EventlogFormatter.fixed6(0.0234375));
        assertEquals("-0.000000", EventlogFormatter.fixed6(-1e-9));
        assertEquals("-0.000000", EventlogFormatter.fixed6(-0.0));
        assertEquals("1.000000", EventlogFormatter.fixed6(0.9999995)); // just above the tie in binary
        assertEquals("  +0.500000", EventlogFormatter.signed(0.5, 11));
        assertEquals("  -2.000000", EventlogFormatter.signed(-2, 11));
        assertEquals("+12345678.000000", EventlogFormatter.signed(12345678, 11));
        assertEquals("Z", EventlogFormatter.tzOffset(0));
        assertEquals("+05:30", EventlogFormatter.tzOffset(19800));
        assertEquals("-03:30", EventlogFormatter.tzOffset(-12600));
    }

    /** Whatever JSON comes in, the formatter answers with text or a FormatException, nothing else. */
    @Property
    void anyJsonGivesTextOrAFormatException(@ForAll double t, @ForAll String name, @ForAll boolean human,
            @ForAll boolean color) {
        EventlogFormatter f = new EventlogFormatter().color(color)
                .timestampFormat(human ? EventlogFormatter.TimestampFormat.HUMAN : EventlogFormatter.TimestampFormat.ISO);
        var o = Json.object();
        if (Double.isFinite(t)) {
            o.put("timestamp", t);
        }
        o.put("name", name);
        o.putObject("context").put(name, t);
        try {
            String s = f.format(o);
            assertTrue(s.endsWith("\n"));
            assertFalse(s.isEmpty());
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("eventlog"), e.getMessage());
        }
    }
}
