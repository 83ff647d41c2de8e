package org.fluxj.formats.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

class JobIdTest {

    @Test
    void parsesEveryFormOfMaxAndMin() throws FormatException {
        for (String s : List.of("18446744073709551615", "0xffffffffffffffff", "job.ffff.ffff.ffff.ffff",
                "ffff.ffff.ffff.ffff", "natural-analyze-verbal--natural-analyze-verbal", "fjpXCZedGfVQ")) {
            assertEquals(-1L, JobId.parse(s), s);
        }
        for (String s : List.of("0", "0x0", "job.0000.0000.0000.0000", "0000.0000.0000.0000",
                "academy-academy-academy--academy-academy-academy", "f1")) {
            assertEquals(0L, JobId.parse(s), s);
        }
    }

    @Test
    void skipsLeadingSpaceAndJobPrefix() throws FormatException {
        assertEquals(42, JobId.parse(" 42"));
        assertEquals(42, JobId.parse("42 "));
        assertEquals(1, JobId.parse("job.f2"));
        assertEquals(1, JobId.parse("  job.0.0.0.1"));
    }

    @Test
    void rejectsBadIds() {
        for (String s : List.of("", " ", "\t", "badstring", "job.0000.0000", "job.0000.0000.0000.000P",
                "42plusbad", "meep", "18446744073709551616", "bad-words", "job.", "-1", "\u0192zz0", "job.job.1")) {
            assertThrows(FormatException.class, () -> JobId.parse(s), s);
            assertFalse(JobId.isValid(s));
        }
        assertThrows(FormatException.class, () -> JobId.parse(null));
    }

    @Test
    void messageNamesTheId() {
        FormatException e = assertThrows(FormatException.class, () -> JobId.parse("\u0192zz0"));
        assertEquals("jobid: invalid FLUID '\u0192zz0'", e.getMessage());
    }

    @Test
    void encodeByName() throws FormatException {
        assertEquals("42", JobId.encode(42, (String) null));
        assertEquals("0x2a", JobId.encode(42, "HEX"));
        assertEquals("job.0000.0000.0000.002a", JobId.encode(42, "kvs"));
        assertEquals("fj", JobId.encode(42, "f58plain"));
        assertTrue(JobId.isValid(JobId.encode(42, "emoji")));
        assertThrows(FormatException.class, () -> JobId.encode(42, "invalid"));
    }
}
