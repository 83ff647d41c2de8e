package org.fluxj.formats.fluid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FluidTest {

    /** flux-core test/fluid.c f58_tests and f58_alt_tests. */
    @ParameterizedTest
    @CsvSource({
        "0, 1", "1, 2", "57, z", "1234, NH", "1888, ZZ", "3363, zz", "3364, 211", "4369, 2JL",
        "65535, LUv", "4294967295, 7YXq9G", "633528662, xyzzy", "6731191091817518, uZZybuNNy",
        "18446744073709551614, jpXCZedGfVP", "18446744073709551615, jpXCZedGfVQ",
    })
    void f58(String dec, String digits) throws FormatException {
        long id = Long.parseUnsignedLong(dec);
        assertEquals("\u0192" + digits, Fluid.encode(id, FluidEncoding.F58, true));
        assertEquals("f" + digits, Fluid.encode(id, FluidEncoding.F58, false));
        assertEquals("f" + digits, Fluid.encode(id, FluidEncoding.F58PLAIN, true));
        assertEquals(id, Fluid.decode("\u0192" + digits, FluidEncoding.F58));
        assertEquals(id, Fluid.decode("f" + digits, FluidEncoding.F58));
        assertEquals(id, Fluid.parse("\u0192" + digits));
        assertEquals(id, Fluid.parse("f" + digits));
    }

    @Test
    void f58LeadingZeroDigits() throws FormatException {
        assertEquals(0, Fluid.decode("f111", FluidEncoding.F58));
    }

    @Test
    void f58Rejects() {
        for (String s : List.of("1234", "aaa", "f", "flux", "f1230", "x1", "f0", "fO", "fI", "fl", "\u0192",
                "f1 ", "fzzzzzzzzzzzzz", "f\u00e91")) {
            assertThrows(FormatException.class, () -> Fluid.decode(s, FluidEncoding.F58), s);
        }
    }

    /** flux-core test/fluid.c fluid_parse_tests. */
    @ParameterizedTest
    @CsvSource({
        "0, \u01921", "1, \u01922", "57, \u0192z", "1234, \u0192NH", "65535, \u0192LUv",
        "18446744073709551615, \u0192jpXCZedGfVQ",
        "0, f1", "1, f2", "4294967295, f7YXq9G", "633528662, fxyzzy",
        "18446744073709551614, fjpXCZedGfVP", "18446744073709551615, fjpXCZedGfVQ",
        "1234, 1234", "1888, 1888", "3363, 3363", "3364, 3364", "4369, 4369",
        "6731191091817518, 6731191091817518", "18446744073709551614, 18446744073709551614",
        "18446744073709551615, 18446744073709551615",
        "0, 0x0", "1, 0x1", "57, 0x39", "1234, 0x4d2", "1888, 0x760", "3363, 0xd23", "4369, 0x1111",
        "65535, 0xffff", "4294967295, 0xffffffff", "633528662, 0x25c2e156",
        "6731191091817518, 0x17e9fb8df16c2e", "18446744073709551615, 0xffffffffffffffff",
        "0, 0.0.0.0", "1, 0000.0000.0000.0001", "57, 0.0.0.0039", "1234, 0000.0000.0000.04d2",
        "1888, 0000.0000.0000.0760", "4369, 0000.0000.0000.1111", "65535, 0.0.0.ffff",
        "4294967295, 0000.0000.ffff.ffff", "18446744073709551615, ffff.ffff.ffff.ffff",
        "18446462598732840960, ffff.0000.0000.0000", "281470681743360, 0000.ffff.0000.0000",
        "4294901760, 0000.0000.ffff.0000", "65535, 0000.0000.0000.ffff",
        "2814797012533261, a.b.c.d", "281483566841860, 1.2.3.4",
        "0, \ud83d\ude03", "1, \ud83d\ude04", "57, \ud83d\ude4a", "1234, \ud83d\ude01\ud83d\udc4c",
        "1888, \ud83d\ude06\ud83d\udc3b", "4369, \ud83d\ude0a\ud83c\udf00",
        "65535, \ud83d\udc81\ud83d\udcda", "4294967295, \ud83d\ude33\ud83c\udfea\ud83c\udf56\ud83c\udf78",
        "18446744073709551615, \ud83d\udeb9\ud83d\udc97\ud83d\udca7\ud83d\udc57\ud83d\ude37\ud83d\udcf7\ud83d\udcda",
    })
    void parse(String dec, String input) throws FormatException {
        assertEquals(Long.parseUnsignedLong(dec), Fluid.parse(input));
    }

    @Test
    void parseWhiteSpace() throws FormatException {
        assertEquals(65535, Fluid.parse(" 0xffff   "));
        assertEquals(42, Fluid.parse("\t42\n"));
        // flux-core: only white space parses as zero in fluid_parse (not in flux_job_id_parse)
        assertEquals(0, Fluid.parse("   "));
    }

    /** RFC 19 examples. */
    @Test
    void rfc19Examples() throws FormatException {
        long id = 6731191091817518L;
        assertEquals("\u0192uZZybuNNy", Fluid.encode(id, FluidEncoding.F58, true));
        assertEquals("0x17e9fb8df16c2e", Fluid.encode(id, FluidEncoding.HEX));
        assertEquals("0017.e9fb.8df1.6c2e", Fluid.encode(id, FluidEncoding.DOTHEX));
        assertEquals("reform-remote-galileo--heart-package-academy", Fluid.encode(id, FluidEncoding.WORDS));
        assertEquals(id, Fluid.parse("reform-remote-galileo--heart-package-academy"));
        assertEquals(0xedaf97d000000L, Fluid.parse("000e.daf9.7d00.0000"));
        assertEquals(Fluid.parse("0xedaf97d000000"), Fluid.parse("000e.daf9.7d00.0000"));
        assertEquals(Fluid.parse("random-idea-yoyo--sugar-printer-academy"),
                Fluid.parse("random-idea-yoyo--sugar-printer-academy"));
    }

    /** t2201-job-cmd.t max and min job ids. */
    @Test
    void extremes() throws FormatException {
        long max = -1L;
        assertEquals("18446744073709551615", Fluid.encode(max, FluidEncoding.DEC));
        assertEquals("0xffffffffffffffff", Fluid.encode(max, FluidEncoding.HEX));
        assertEquals("job.ffff.ffff.ffff.ffff", Fluid.encode(max, FluidEncoding.KVS));
        assertEquals("ffff.ffff.ffff.ffff", Fluid.encode(max, FluidEncoding.DOTHEX));
        assertEquals("natural-analyze-verbal--natural-analyze-verbal", Fluid.encode(max, FluidEncoding.WORDS));
        assertEquals("fjpXCZedGfVQ", Fluid.encode(max, FluidEncoding.F58PLAIN));
        assertEquals("0", Fluid.encode(0, FluidEncoding.DEC));
        assertEquals("0x0", Fluid.encode(0, FluidEncoding.HEX));
        assertEquals("job.0000.0000.0000.0000", Fluid.encode(0, FluidEncoding.KVS));
        assertEquals("academy-academy-academy--academy-academy-academy", Fluid.encode(0, FluidEncoding.WORDS));
        assertEquals("f1", Fluid.encode(0, FluidEncoding.F58PLAIN));
        assertEquals("\ud83d\ude03", Fluid.encode(0, FluidEncoding.EMOJI));
    }

    /** Quirks of flux-core's scanners, checked against flux-core built from source. */
    @Test
    void fluxCoreLenience() throws FormatException {
        assertEquals(0, Fluid.parse("0x.0.0.0"));
        assertEquals(0xffff000000000000L, Fluid.parse("-1.0.0.0"));
        assertEquals(0x0001000200030004L, Fluid.parse(" 1. 2. 3. 4"));
        assertEquals(5, Fluid.parse("+5"));
        assertEquals(0, Fluid.parse("ACADEMY-ACADEMY-ACADEMY--ACADEMY-ACADEMY-ACADEMY"));
        // decoding stops quietly at an unknown word
        assertEquals(0, Fluid.parse("academy-academy-academy--academy-academy-academy-bogus"));
        // twelve base58 digits may pass 64 bits: the value wraps
        assertEquals(Long.parseUnsignedLong("10379314260256165887"), Fluid.parse("fzzzzzzzzzzzz"));
    }

    @Test
    void rejectsMalformed() {
        List<String> bad = List.of("", "boo", "f", "-1", "0.0.0", "0.0.0.0.0", "0.0.0.g", "0.0.0.", ".0.0.0",
                "f0", "fO", "fI", "fl", "invalid-words-test", "foo-bar-baz--qux-quux-corge",
                "18446744073709551616", "\ud83e\udd84", "a-a-a--a-a-a", "bogus", "42plusbad", "meep",
                "bad-words", "0x", "0xg", "0X10", "1.2.3.4 ", "00000.0.0.0", "12345.0.0.0", "1 2",
                "academy-academy-academy--academy-academy-academy-academy", "yes-yes-yes--yes-yes-yes",
                "academy-academy", "\ud83d\ude03 ", "+", "1e3", "\u0192", "job.1", "0x10000000000000000",
                "\ud83d\ude03\ud83d\ude03\ud83d\ude03\ud83d\ude03\ud83d\ude03\ud83d\ude03\ud83d\ude03\ud83d\ude03");
        for (String s : bad) {
            FormatException e = assertThrows(FormatException.class, () -> Fluid.parse(s), s);
            assertTrue(e.getMessage().startsWith("FLUID: invalid "), e.getMessage());
        }
        assertThrows(FormatException.class, () -> Fluid.parse(null));
    }

    @Test
    void decodeRejectsOtherForms() {
        assertThrows(FormatException.class, () -> Fluid.decode("bogus", FluidEncoding.DOTHEX));
        assertThrows(FormatException.class, () -> Fluid.decode("bogus", FluidEncoding.WORDS));
        assertThrows(FormatException.class, () -> Fluid.decode("bogus", FluidEncoding.EMOJI));
        assertThrows(FormatException.class, () -> Fluid.decode("0000.0000.0000.0000", FluidEncoding.KVS));
        assertThrows(FormatException.class, () -> Fluid.decode("0x1", FluidEncoding.DEC));
        assertThrows(FormatException.class, () -> Fluid.decode("1", FluidEncoding.HEX));
    }

    @Test
    void detect() {
        assertEquals(FluidEncoding.DOTHEX, Fluid.detect("f.1"));
        assertEquals(FluidEncoding.WORDS, Fluid.detect("f-1"));
        assertEquals(FluidEncoding.F58, Fluid.detect("f1"));
        assertEquals(FluidEncoding.F58, Fluid.detect("\u01921"));
        assertEquals(FluidEncoding.EMOJI, Fluid.detect("\ud83d\ude03"));
        assertNull(Fluid.detect("0x1"));
        assertNull(Fluid.detect("12"));
    }

    @Test
    void layout() {
        long id = Fluid.of(0xfedcba9876L, 16383, 1023);
        assertEquals(0xfedcba9876L, Fluid.timestamp(id));
        assertEquals(16383, Fluid.generator(id));
        assertEquals(1023, Fluid.sequence(id));
        assertEquals(Fluid.of(1, 2, 3), (1L << 24) | (2 << 10) | 3);
    }

    @Test
    void encodingNames() throws FormatException {
        for (FluidEncoding e : FluidEncoding.values()) {
            assertEquals(e, FluidEncoding.fromName(e.typeName()));
            assertEquals(e, FluidEncoding.fromName(e.typeName().toUpperCase()));
        }
        assertThrows(FormatException.class, () -> FluidEncoding.fromName("invalid"));
        assertThrows(FormatException.class, () -> FluidEncoding.fromName(null));
    }

    @Provide
    Arbitrary<FluidEncoding> encodings() {
        return Arbitraries.of(FluidEncoding.values());
    }

    @Property(tries = 2000)
    void everyEncodingRoundTrips(@ForAll long id, @ForAll("encodings") FluidEncoding e, @ForAll boolean utf8)
            throws FormatException {
        String s = Fluid.encode(id, e, utf8);
        assertEquals(id, JobId.parse(s), s);
        assertEquals(id, Fluid.decode(s, e), s);
        if (e != FluidEncoding.KVS) {
            assertEquals(id, Fluid.parse(s), s);
            assertEquals(e == FluidEncoding.F58PLAIN ? FluidEncoding.F58 : e,
                    Fluid.detect(s) == null ? (s.startsWith("0x") ? FluidEncoding.HEX : FluidEncoding.DEC)
                            : Fluid.detect(s));
        }
    }

    @Property
    void smallIdsRoundTrip(@ForAll("encodings") FluidEncoding e, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 70000) int id)
            throws FormatException {
        assertEquals(id, JobId.parse(Fluid.encode(id, e)));
    }

    @Property(tries = 3000)
    void anyStringParsesOrThrowsFormatException(@ForAll String s) {
        try {
            Fluid.parse(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("FLUID: "), e.getMessage());
            assertTrue(e.getMessage().indexOf('\n') < 0);
        }
        try {
            JobId.parse(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("jobid: invalid FLUID '"), e.getMessage());
        }
        for (FluidEncoding enc : FluidEncoding.values()) {
            try {
                Fluid.decode(s, enc);
            } catch (FormatException e) {
                assertTrue(e.getMessage().startsWith("FLUID: "), e.getMessage());
            }
        }
    }

    @Provide
    Arbitrary<String> fluidish() {
        return Arbitraries.strings().withChars("0123456789abcdefxX.-+ \tfjpXCZ\u0192").ofMaxLength(20);
    }

    @Property(tries = 3000)
    void fluidLikeStringsParseOrThrowFormatException(@ForAll("fluidish") String s) {
        try {
            Fluid.parse(s);
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("FLUID: "), e.getMessage());
        }
    }
}
