package org.fluxj.formats.fsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.internal.CNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FsdTest {

    /** RFC 23 test vectors (also flux-core test/fsd.c rfc23_tests). */
    @ParameterizedTest
    @CsvSource({
        "2ms, 0.002", "0.1s, 0.1", "30, 30", "1.2h, 4320", "5m, 300", "0s, 0", "5d, 432000",
        "inf, Infinity", "INF, Infinity", "infinity, Infinity",
    })
    void rfc23Vectors(String input, double seconds) throws FormatException {
        assertEquals(seconds, Fsd.parse(input));
    }

    /** flux-core test/fsd.c parse cases. */
    @ParameterizedTest
    @CsvSource({
        "0, 0", "0ms, 0", "0s, 0", "0m, 0", "0h, 0", "0d, 0", "500ms, 0.5", "0.2ms, 0.0002",
        "0.5, 0.5", "0.5s, 0.5", "0.5m, 30", "0.5h, 1800", "1.0d, 86400",
    })
    void fluxCoreParseCases(String input, double seconds) throws FormatException {
        assertEquals(seconds, Fsd.parse(input));
    }

    @Test
    void acceptsWhatStrtodAccepts() throws FormatException {
        assertEquals(1000.0, Fsd.parse("1e3"));
        assertEquals(16.0, Fsd.parse("0x10"));
        assertEquals(3.0 * 60, Fsd.parse("0x1.8p1m"));
        assertEquals(1.0, Fsd.parse(" \t1"));
        assertEquals(2.0, Fsd.parse("+2s"));
        assertEquals(0.5, Fsd.parse(".5"));
        assertEquals(5.0, Fsd.parse("5."));
        assertEquals(Double.POSITIVE_INFINITY, Fsd.parse("InFiNiTy"));
        assertEquals(Double.POSITIVE_INFINITY, Fsd.parse("1e999"));
        assertEquals(0.0, Fsd.parse("-0"));
    }

    /** flux-core quirk: when strtod converts nothing, an empty rest or a lone unit is zero. */
    @Test
    void noNumberAtAllIsZeroAsInFluxCore() throws FormatException {
        assertEquals(0.0, Fsd.parse(""));
        assertEquals(0.0, Fsd.parse("s"));
        assertEquals(0.0, Fsd.parse("ms"));
    }

    @Test
    void rejectsMalformedDurations() {
        List<String> bad = List.of("-1.", "1.0f", "1.0sec", "NaNs", "infinites", "infd", "infs",
                "nan", "NAN", "-inf", "-1ms", "1x", "1 s", "1s ", " ", "1S", "1M", "1H", "1D",
                "s1", "1ss", "1e", "abc", ".", "1..2", "--1", "1,5", "0x", "1e999s", "nan(1)",
                "1\n", "\u01921", "１");
        for (String s : bad) {
            FormatException e = assertThrows(FormatException.class, () -> Fsd.parse(s), s);
            assertTrue(e.getMessage().startsWith("FSD: invalid duration '"), e.getMessage());
            assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
        }
        assertThrows(FormatException.class, () -> Fsd.parse(null));
    }

    @Test
    void errorMessageNamesValue() {
        FormatException e = assertThrows(FormatException.class, () -> Fsd.parse("1x"));
        assertEquals("FSD: invalid duration '1x'", e.getMessage());
    }

    /** flux-core test/fsd.c format cases. */
    @ParameterizedTest
    @CsvSource({
        "Infinity, infinity", "0.001, 1ms", "0.01, 10ms", "5.0, 5s", "5.1, 5.1s",
        "62.0, 1.03333m", "3600, 1h", "4500, 1.25h", "86400, 1d", "103680, 1.2d",
        "0, 0s", "0.1, 0.1s", "0.0000123, 0.0123ms", "0.0621, 62.1ms", "59.9999999, 60s",
        "1e-9, 1e-06ms", "1e12, 1.15741e+07d", "1234567, 14.289d",
    })
    void formatsAsFluxCore(double seconds, String expected) {
        assertEquals(expected, Fsd.format(seconds));
    }

    @Test
    void formatWithPrecision() {
        assertEquals("1m", Fsd.format(62.0, 1));
        assertEquals("1m", Fsd.format(62.0, 0));
        assertEquals("1.0333333333m", Fsd.format(62.0, 11));
    }

    @Test
    void formatRefusesInvalid() {
        assertThrows(IllegalArgumentException.class, () -> Fsd.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Fsd.format(-1.0));
    }

    @Test
    void cPrintfG() {
        assertEquals("100000", CNumbers.formatG(100000, 6));
        assertEquals("1e+06", CNumbers.formatG(1000000, 6));
        assertEquals("0.0001", CNumbers.formatG(0.0001, 6));
        assertEquals("1e-05", CNumbers.formatG(0.00001, 6));
        assertEquals("2.5", CNumbers.formatG(2.5, 6));
        assertEquals("2", CNumbers.formatG(2.5, 1));
        assertEquals("0.3", CNumbers.formatG(0.3, 6));
        assertEquals("1e+100", CNumbers.formatG(1e100, 6));
        assertEquals("123457", CNumbers.formatG(123456.7, 6));
    }

    @Property
    void formattedDurationsParseBackClose(@ForAll @DoubleRange(min = 0, max = 1e15) double seconds)
            throws FormatException {
        double back = Fsd.parse(Fsd.format(seconds));
        assertEquals(seconds, back, Math.max(seconds * 1e-5, 1e-300));
    }

    @Property
    void fullPrecisionFormatRoundTripsExactly(@ForAll @DoubleRange(min = 0, max = 59) double seconds)
            throws FormatException {
        if (seconds >= 0.1 || seconds == 0) {
            assertEquals(seconds, Fsd.parse(Fsd.format(seconds, 17)));
        }
    }

    @Property
    void integersWithUnitsParse(@ForAll @IntRange(min = 0, max = 1_000_000) int n) throws FormatException {
        assertEquals((double) n, Fsd.parse(Integer.toString(n)));
        assertEquals(n * 60.0, Fsd.parse(n + "m"));
        assertEquals(n * 3600.0, Fsd.parse(n + "h"));
        assertEquals(n * 86400.0, Fsd.parse(n + "d"));
    }

    @Property
    void anyStringParsesOrThrowsFormatException(@ForAll String s) {
        try {
            double d = Fsd.parse(s);
            assertTrue(d >= 0 || d == 0, s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("FSD: "), e.getMessage());
        }
    }
}
