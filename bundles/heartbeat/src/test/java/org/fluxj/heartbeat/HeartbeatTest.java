package org.fluxj.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;
import org.fluxj.module.testing.ModuleFixture;
import org.junit.jupiter.api.Test;

/** The heartbeat module on a {@link ModuleFixture}: pulses on a clock the test moves. */
class HeartbeatTest {

    private static long pulses(ModuleFixture f) {
        return f.events().stream().map(Message::topic).filter("heartbeat.pulse"::equals).count();
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
    }

    @Test
    void otherRanksOnlyListen() throws Exception {
        ModuleFixture f = new ModuleFixture().rank(1, 2);
        f.start(new Heartbeat());
        f.advance(Duration.ofSeconds(10));
        assertEquals(0, pulses(f));
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
    }

    @Test
    void badInputIsRefusedAndNamed() throws Exception {
        IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("perod=1s").start(new Heartbeat()));
        assertEquals("heartbeat: unknown module option: 'perod=1s'", arg.getMessage());
        FormatException type = assertThrows(FormatException.class,
                () -> new ModuleFixture().config("{\"heartbeat\":{\"period\":5}}").start(new Heartbeat()));
        assertEquals("error reading [heartbeat] config table: Expected string, got integer", type.getMessage());

        ModuleFixture f = new ModuleFixture();
        f.start(new Heartbeat());
        FormatException fsd = assertThrows(FormatException.class,
                () -> f.reloadConfig("{\"heartbeat\":{\"period\":\"soon\"}}"));
        assertEquals("error parsing heartbeat.period FSD value", fsd.getMessage());
        f.advance(Duration.ofSeconds(2)); // the refused change left the old period
        assertEquals(1, pulses(f));
    }
}
