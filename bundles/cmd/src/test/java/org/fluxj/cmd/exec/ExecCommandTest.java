package org.fluxj.cmd.exec;

import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.Flux;
import org.fluxj.cmd.Getopt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** flux exec's rank selection (flux-exec.c filter_ranks), its option checks, and the signal texts. */
class ExecCommandTest {

    private static String targets(int size, String... args) {
        ExecCommand c = new ExecCommand();
        new CommandLine(c).parseArgs(args);
        return ExecSession.encode(c.targets(size));
    }

    @Test
    void rankSelection() {
        assertEquals("[0-3]", targets(4, "true"));
        assertEquals("[0-3]", targets(4, "-r", "all", "true"));
        assertEquals("[2-3]", targets(4, "-r", "2-3", "true"));
        assertEquals("[0-1]", targets(4, "-x", "2-3", "true"));
        assertEquals("2", targets(4, "-r", "2-3", "-x", "3", "true"));
        assertEquals("[0-3]", targets(4, "-x", "7", "true"), "excluding a rank that is not there is no error");
    }

    @Test
    void badRanks() {
        assertEquals("One or more invalid --ranks specified: 4",
                assertThrows(CommandException.class, () -> targets(4, "-r", "4", "true")).getMessage());
        assertEquals("No targets specified",
                assertThrows(CommandException.class, () -> targets(4, "-r", "0-1", "-x", "0-1", "true")).getMessage());
        assertEquals("failed to decode idset 'a': Invalid argument",
                assertThrows(CommandException.class, () -> targets(4, "-r", "a", "true")).getMessage());
        assertEquals("error decoding --exclude idset: Invalid argument",
                assertThrows(CommandException.class, () -> targets(4, "-x", "a", "true")).getMessage());
    }

    @Test
    void optionsStopAtTheCommand() {
        ExecCommand c = new ExecCommand();
        CommandLine cl = Flux.configure(new CommandLine(c));
        cl.parseArgs(Getopt.rewrite(cl, java.util.List.of("-l", "ls", "-r", "1"), (p, n) -> null).toArray(String[]::new));
        assertEquals(java.util.List.of("ls", "-r", "1"), c.command);
        assertEquals("all", c.rank);
    }

    @Test
    void checksBeforeConnecting() {
        StringWriter err = new StringWriter();
        int status = Flux.run(new String[] {"exec", "--waitable", "true"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(1, status);
        assertEquals("flux-exec: --waitable can only be used with --bg\n", err.toString());
        err.getBuffer().setLength(0);
        Flux.run(new String[] {"exec", "--attach"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals("flux-exec: --attach requires a pid or label argument\n", err.toString());
    }

}
