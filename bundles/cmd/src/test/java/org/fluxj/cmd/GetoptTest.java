package org.fluxj.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command lines read as GNU getopt_long reads them under POSIXLY_CORRECT (flux-core's
 * optparse). Each expectation is what getopt hands the program: options in order with their
 * arguments, then the operands.
 */
class GetoptTest {

    /** A command with each kind of option getopt knows: flag, required and optional argument. */
    @Command(name = "probe")
    static final class Probe {
        @Option(names = {"-v", "--verbose"})
        boolean[] verbose = new boolean[0];

        @Option(names = {"-o", "--broker-opts"}, split = ",")
        List<String> brokerOpts = new ArrayList<>();

        @Getopt.ShortOptionalValue
        @Option(names = {"-L", "--color"}, arity = "0..1", fallbackValue = "auto")
        String color;

        /** Optional value, short form a flag: optparse's default for has_arg = 2. */
        @Option(names = {"-d", "--debug"}, arity = "0..1", fallbackValue = "+")
        List<String> debug = new ArrayList<>();

        @Option(names = "--test-size")
        Integer testSize;

        @Option(names = "--test-hosts")
        String testHosts;

        @Parameters
        List<String> operands = new ArrayList<>();
    }

    private static Probe parse(String line) {
        Probe probe = new Probe();
        CommandLine cl = Flux.configure(new CommandLine(probe));
        List<String> words = Getopt.rewrite(cl, split(line), (c, name) -> null);
        cl.parseArgs(words.toArray(String[]::new));
        return probe;
    }

    private static List<String> split(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split(" "));
    }

    /** What the probe was given: "v=COUNT o=[...] L=COLOR size=N hosts=H | OPERAND...". */
    private static String seen(Probe p) {
        return "v=" + p.verbose.length + " o=" + p.brokerOpts + " L=" + p.color + " size=" + p.testSize
                + " hosts=" + p.testHosts + (p.debug.isEmpty() ? "" : " d=" + p.debug) + " |" + p.operands.stream().map(o -> " " + o).collect(Collectors.joining());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // a required argument is the next word, whatever it begins with
        "-o -Slog-filename=x.log -o -Slog-forward-level=7 true; v=0 o=[-Slog-filename=x.log, -Slog-forward-level=7] L=null size=null hosts=null | true",
        "-o,-Sa=b,-Sc=d prog; v=0 o=[, -Sa=b, -Sc=d] L=null size=null hosts=null | prog",
        "-o-v x; v=0 o=[-v] L=null size=null hosts=null | x",
        "-o -- x; v=0 o=[--] L=null size=null hosts=null | x",
        "--broker-opts -v x; v=0 o=[-v] L=null size=null hosts=null | x",
        "--broker-opts=-v=1 x; v=0 o=[-v=1] L=null size=null hosts=null | x",
        "--test-hosts -foo; v=0 o=[] L=null size=null hosts=-foo | ",
        // bundled flags, and a bundle that ends in an option taking the next word
        "-vv; v=2 o=[] L=null size=null hosts=null | ",
        "-vvo -Sx=1 y; v=2 o=[-Sx=1] L=null size=null hosts=null | y",
        "-vo-Sx=1 y; v=1 o=[-Sx=1] L=null size=null hosts=null | y",
        // an optional argument is only ever attached
        "-L never; v=0 o=[] L=auto size=null hosts=null | never",
        "-Lnever; v=0 o=[] L=never size=null hosts=null | ",
        "--color never; v=0 o=[] L=auto size=null hosts=null | never",
        "--color=never; v=0 o=[] L=never size=null hosts=null | ",
        "-L -v; v=1 o=[] L=auto size=null hosts=null | ",
        // without ShortOptionalValue, the short form of such an option is a flag
        "-dd; v=0 o=[] L=null size=null hosts=null d=[+, +] |",
        "-dv --debug=3; v=1 o=[] L=null size=null hosts=null d=[+, 3] |",
        // long options may be shortened to an unambiguous prefix
        "--test-s=2 --col; v=0 o=[] L=auto size=2 hosts=null | ",
        "--verb --test-si 3; v=1 o=[] L=null size=3 hosts=null | ",
        // options end at the first operand, or at --
        "x -v --color; v=0 o=[] L=null size=null hosts=null | x -v --color",
        "-v -- -v x; v=1 o=[] L=null size=null hosts=null | -v x",
        "- -v; v=0 o=[] L=null size=null hosts=null | - -v",
        "-v -- -- x; v=1 o=[] L=null size=null hosts=null | -- x",
    })
    void readsAsGetopt(String line, String expected) {
        assertEquals(expected, seen(parse(line)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "-q; unrecognized option '-q'",
        "-vq; unrecognized option '-q'",
        "--frobnicate; unrecognized option '--frobnicate'",
        "--test; option '--test' is ambiguous",
        "--verbose=2; option '--verbose' doesn't allow an argument",
        "-o; '-o' missing argument",
        "-v --test-size; '--test-size' missing argument",
    })
    void refusesAsGetopt(String line, String message) {
        Getopt.Refused e = assertThrows(Getopt.Refused.class, () -> parse(line));
        assertEquals(message, e.getMessage());
    }

    @Test
    void usageErrorsOfCCommandsExitOneAndOfPythonCommandsTwo() {
        Run r = Run.flux("kvs", "get", "--frobnicate");
        assertEquals(new Run(1, "", "flux-kvs: unrecognized option '--frobnicate' (see 'flux kvs get --help')\n"), r);
        r = Run.flux("hostlist", "--frobnicate");
        assertEquals(2, r.status(), r.err());
    }

    @Test
    void pythonCommandsReadOptionsAfterOperands() {
        // flux-hostlist.py uses argparse, which takes options anywhere
        assertEquals(new Run(0, "3\n", ""), Run.flux("hostlist", "foo[1-3]", "-c"));
    }

    @Test
    void familyHelpListsEverySubcommand() {
        Run r = Run.flux("kvs", "--help");
        assertEquals(0, r.status());
        assertTrue(r.err().contains("namespace") && r.err().contains("eventlog"), r.err()); // optparse: stderr
    }

    @Test
    void usageLinesAreOptparsesOrArgparsesAsTheirFluxCoreCounterpart() {
        // optparse (C commands): "Usage: flux kvs get ..." on stderr
        assertTrue(Run.flux("kvs", "get", "--help").err().startsWith("Usage: flux kvs get "));
        // argparse (Python commands, their subcommands too): "usage: flux-sproc ps ..." on stdout
        assertTrue(Run.flux("sproc", "ps", "--help").out().startsWith("usage: flux-sproc ps [-h"));
        assertTrue(Run.flux("uri", "--help").out().startsWith("usage: flux-uri [-h]"));
    }
}
