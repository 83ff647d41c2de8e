package org.fluxj.formats.size;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fluxj.formats.FormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "1, 1", "100, 100", "1k, 1024", "1K, 1024", "100M, 104857600", "2G, 2147483648",
        "1T, 1099511627776", "1P, 1125899906842624", "1E, 1152921504606846976", "0x10, 16", "0x10k, 16384",
        "010, 8", "08, 8", "1.5k, 1536", "0.5, 0", "1e3, 1000", "-0, 0", "' 12', 12", "+7, 7"
    })
    void parsesAsFluxCore(String text, long expected) throws FormatException {
        assertEquals(expected, Sizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "1x", "1kb", "-1", "1 k", "nan", "inf", "1m", "M1", "1.5.5", "\u0661"})
    void refusesWhatFluxCoreRefuses(String text) {
        FormatException e = assertThrows(FormatException.class, () -> Sizes.parse(text));
        assertTrue(e.getMessage().startsWith("invalid size"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8E", "9223372036854775808", "1e19"})
    void refusesWhatDoesNotFit(String text) {
        FormatException e = assertThrows(FormatException.class, () -> Sizes.parse(text));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
