package org.fluxj.formats.stdlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StdlogTest {

    @Test
    void encodesAsFluxLog() {
        Stdlog e = new Stdlog(3, Stdlog.FACILITY_USER, "2024-05-01T12:00:00.000001Z", "0", "broker", "42", "-", "-",
                "hello world\n");
        assertEquals("<25>1 2024-05-01T12:00:00.000001Z 0 broker 42 - - hello world", e.encode());
    }

    @Test
    void decodesWhatFluxCoreWrites() {
        Stdlog e = Stdlog.decode("<49>1 2024-05-01T12:00:00.123456Z 3 kvs 99 - [a b] msg with  spaces");
        assertEquals(6, e.severity());
        assertEquals("kvs", e.appname());
        assertEquals(3, e.rank());
        assertEquals("[a b]", e.structuredData());
        assertEquals("msg with  spaces", e.message());
        assertNull(Stdlog.decode("not a log entry"));
        assertNull(Stdlog.decode("<1>1 short"));
    }

    @Test
    void zuluTimestamps() {
        assertEquals("2024-05-01T12:00:00.000123Z", Stdlog.zulu(Instant.parse("2024-05-01T12:00:00.000123456Z")));
    }
}
