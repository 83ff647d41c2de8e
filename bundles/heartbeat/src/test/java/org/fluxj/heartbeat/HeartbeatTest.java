package org.fluxj.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.msg.Message;
import org.fluxj.kernel.api.Severity;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The heartbeat module on a {@link ModuleFixture}: pulses on a clock the test moves. */
class HeartbeatTest {

    private static long pulses(ModuleFixture f) {
        return f.events().stream().map(Message::topic).filter("heartbeat.pulse"::equals).count();
    }

    private static JsonNode stats(ModuleFixture f) {
        return ModuleFixture.json(f.call("heartbeat.stats-get", "{}"));
    }

    private static List<String> warnings(ModuleFixture f) {
        return f.logs().stream().filter(l -> l.severity() == Severity.WARNING).map(ModuleFixture.LogEntry::text)
                .toList();
    }

    @Test
    void rankZeroPulsesEveryPeriod() throws Exception {
        ModuleFixture f = new ModuleFixture();
        f.start(new Heartbeat());
        f.advance(Duration.ofMillis(1999));
        assertEquals(0, pulses(f));
        f.advance(Duration.ofMillis(1));
        assertEquals(1, pulses(f));
        f.advance(Duration.ofSeconds(4));
        assertEquals(3, pulses(f));
        JsonNode s = stats(f);
        assertEquals(2.0, s.get("period").asDouble());
        assertEquals(300.0, s.get("timeout").asDouble());
        assertEquals(3, s.get("count").asLong());
        assertEquals(3, s.get("warn_thresh").asInt());
    }

    @Test
    void periodFromArgumentOrConfig() throws Exception {
        ModuleFixture f = new ModuleFixture().args("period=0.5s");
        f.start(new Heartbeat());
        f.advance(Duration.ofSeconds(1));
        assertEquals(2, pulses(f));
        f.reloadConfig("{\"heartbeat\":{\"period\":\"100ms\"}}");
        f.advance(Duration.ofSeconds(1));
        assertEquals(12, pulses(f));
        f.reloadConfig("{\"heartbeat\":{}}"); // an empty table is the defaults again
        assertEquals(2.0, stats(f).get("period").asDouble());
    }

    /** A follower counts pulses, warns when they stop and when they come back, and leaves a silent parent. */
    @Test
    void aFollowerWarnsThenGivesUpOnItsParent() throws Exception {
        ModuleFixture f = new ModuleFixture().rank(1, 2)
                .config("{\"heartbeat\":{\"period\":\"1s\",\"timeout\":\"10s\",\"warn_thresh\":2}}");
        f.start(new Heartbeat());
        f.advance(Duration.ofSeconds(2));
        f.event("heartbeat.pulse", null);
        f.advance(Duration.ofMillis(2500)); // two quiet periods: not yet overdue
        assertEquals(List.of(), warnings(f));
        f.advance(Duration.ofSeconds(1));
        assertEquals(List.of("heartbeat overdue"), warnings(f));
        f.event("heartbeat.pulse", null);
        assertEquals(List.of("heartbeat overdue", "heartbeat received"), warnings(f));
        assertEquals(2, stats(f).get("count").asLong());
        assertEquals(0, pulses(f)); // followers never publish
        assertEquals(0, f.sent("overlay.disconnect-parent").size());
        f.advance(Duration.ofSeconds(10));
        List<Message> gone = f.sent("overlay.disconnect-parent");
        assertEquals(1, gone.size());
        assertEquals("no heartbeat for 10s", gone.get(0).payloadObject().path("reason").asText());
    }

    @Test
    void noTimeoutMeansNoDisconnect() throws Exception {
        for (String none : List.of("infinity", "0")) {
            ModuleFixture f = new ModuleFixture().rank(1, 2).config("{\"heartbeat\":{\"timeout\":\"" + none + "\"}}");
            f.start(new Heartbeat());
            assertEquals(-1.0, stats(f).get("timeout").asDouble());
            f.advance(Duration.ofHours(1));
            assertEquals(0, f.sent("overlay.disconnect-parent").size());
        }
    }

    @Test
    void badInputIsRefusedAndNamed() throws Exception {
        IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("perod=1s").start(new Heartbeat()));
        assertEquals("heartbeat: unknown module option: 'perod=1s'", arg.getMessage());
        FormatException fsd = assertThrows(FormatException.class,
                () -> new ModuleFixture().args("period=1x").start(new Heartbeat()));
        assertEquals("heartbeat: period: invalid FSD: 1x", fsd.getMessage());
        ConfigKeyException type = assertThrows(ConfigKeyException.class,
                () -> new ModuleFixture().config("{\"heartbeat\":{\"period\":5}}").start(new Heartbeat()));
        assertEquals("heartbeat.period", type.key());

        ModuleFixture f = new ModuleFixture();
        f.start(new Heartbeat());
        f.reloadConfig("{\"heartbeat\":{\"period\":\"2s\",\"timeout\":\"1m\"}}");
        for (String bad : List.of("{\"period\":\"zzz\"}", "{\"z\":42}", "{\"timeout\":42}", "{\"timeout\":\"42z\"}",
                "{\"period\":\"2s\",\"timeout\":\"1s\"}", "{\"warn_thresh\":-1}", "{\"warn_thresh\":0}")) {
            ConfigKeyException e = assertThrows(ConfigKeyException.class,
                    () -> f.reloadConfig("{\"heartbeat\":" + bad + "}"), bad);
            assertEquals(true, e.key().startsWith("heartbeat."), e.key());
        }
        JsonNode s = stats(f); // every refused change left the settings as they were
        assertEquals(2.0, s.get("period").asDouble());
        assertEquals(60.0, s.get("timeout").asDouble());
        assertEquals(3, s.get("warn_thresh").asInt());
    }
}
