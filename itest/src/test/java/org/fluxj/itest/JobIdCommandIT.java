package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flux job id}, with the expectations of flux-core's t2201-job-cmd.t. */
class JobIdCommandIT {
    private static final String MAX_DEC = "18446744073709551615";
    private static final List<String> MAX_FORMS = List.of(MAX_DEC, "0xffffffffffffffff",
            "job.ffff.ffff.ffff.ffff", "ffff.ffff.ffff.ffff",
            "natural-analyze-verbal--natural-analyze-verbal", "fjpXCZedGfVQ", "\u0192jpXCZedGfVQ");
    private static final List<String> MIN_FORMS = List.of("0", "0x0", "job.0000.0000.0000.0000",
            "0000.0000.0000.0000", "academy-academy-academy--academy-academy-academy", "f1");
    private static final Map<String, String> UTF8 = Map.of("LC_ALL", "C.UTF-8");
    private static final Map<String, String> ASCII = Map.of("LC_ALL", "C");

    private static FluxCli.Result id(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "job";
        all[1] = "id";
        System.arraycopy(args, 0, all, 2, args.length);
        return FluxCli.runWithInput(null, UTF8, all);
    }

    private static String one(String... args) {
        FluxCli.Result r = id(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void decToDecByDefault() {
        assertEquals("42\n", one("42"));
    }

    @Test
    void everyFormOfMaxAndMinParses() {
        List<String> args = new ArrayList<>(MAX_FORMS);
        args.addAll(MIN_FORMS);
        FluxCli.Result r = id(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        List<String> expected = new ArrayList<>();
        MAX_FORMS.forEach(s -> expected.add(MAX_DEC));
        MIN_FORMS.forEach(s -> expected.add("0"));
        assertEquals(expected, r.lines());
    }

    @Test
    void eachEncoding() {
        assertEquals(MAX_DEC + "\n" + "0\n", one("--to=dec", MAX_DEC, "0"));
        assertEquals("0xffffffffffffffff\n0x0\n", one("--to=hex", MAX_DEC, "0"));
        assertEquals("job.ffff.ffff.ffff.ffff\njob.0000.0000.0000.0000\n", one("--to=kvs", MAX_DEC, "0"));
        assertEquals("ffff.ffff.ffff.ffff\n0000.0000.0000.0000\n", one("--to=dothex", MAX_DEC, "0"));
        assertEquals("natural-analyze-verbal--natural-analyze-verbal\nacademy-academy-academy--academy-academy-academy\n",
                one("--to=words", MAX_DEC, "0"));
        assertEquals("\u0192jpXCZedGfVQ\n\u01921\n", one("--to=f58", MAX_DEC, "0"));
        assertEquals("fjpXCZedGfVQ\nf1\n", one("--to=f58plain", MAX_DEC, "0"));
        assertEquals("\ud83d\ude33\ud83c\udfea\ud83c\udf56\ud83c\udf78\n", one("--to=emoji", "4294967295"));
        assertEquals("0x2a\n", one("-t", "HEX", "42"));
        assertEquals("reform-remote-galileo--heart-package-academy\n", one("--to", "words", "\u0192uZZybuNNy"));
    }

    @Test
    void f58PrefixFollowsTheLocale() {
        assertEquals("\u01922\n", FluxCli.runWithInput(null, UTF8, "job", "id", "--to=f58", "1").out());
        assertEquals("f2\n", FluxCli.runWithInput(null, ASCII, "job", "id", "--to=f58", "1").out());
        assertEquals("f2\n", FluxCli.runWithInput(null, Map.of("LC_ALL", "C.UTF-8", "FLUX_F58_FORCE_ASCII", "1"),
                "job", "id", "--to=f58", "1").out());
    }

    @Test
    void idsFromStdin() {
        FluxCli.Result r = FluxCli.runWithInput("42\n", UTF8, "job", "id");
        assertEquals(0, r.status(), r.err());
        assertEquals("42\n", r.out());
        r = FluxCli.runWithInput("42 \n 42\n\tf2\r\n", UTF8, "job", "id", "--to=hex");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("0x2a", "0x2a", "0x1"), r.lines());
    }

    @Test
    void noInputFails() {
        FluxCli.Result r = FluxCli.runWithInput("", UTF8, "job", "id");
        assertEquals(1, r.status());
        assertEquals("", r.out());
    }

    @Test
    void badIdsFailWithOneLine() {
        for (String bad : List.of("badstring", "job.0000.0000", "job.0000.0000.0000.000P", "42plusbad", "meep",
                "18446744073709551616", "bad-words")) {
            FluxCli.Result r = id(bad);
            assertEquals(1, r.status(), bad);
            assertEquals("flux-job: " + bad + ": malformed input\n", r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void badIdOnStdinFails() {
        FluxCli.Result r = FluxCli.runWithInput("42\nmeep\n43\n", UTF8, "job", "id");
        assertEquals(1, r.status());
        assertEquals("42\n", r.out());
        assertEquals("flux-job: meep: malformed input\n", r.err());
    }

    @Test
    void unknownToFails() {
        FluxCli.Result r = id("--to=invalid", "42");
        assertEquals(1, r.status());
        assertEquals("flux-job: Unknown to=invalid\n", r.err());
    }

    @Test
    void jobWithoutSubcommandFails() {
        FluxCli.Result r = FluxCli.run("job");
        assertNotEquals(0, r.status());
        assertTrue(r.err().contains("id"), r.err());
    }
}
