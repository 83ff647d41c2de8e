package org.fluxj.cmd.kvs;

import org.fluxj.cmd.Color;
import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.Flux;
import org.fluxj.cmd.Getopt;
import org.fluxj.cmd.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of flux kvs eventlog get and wait-event that need no broker. */
class KvsEventlogCommandTest {

    private static KvsEventlogGetCommand get(String... args) {
        KvsEventlogGetCommand c = new KvsEventlogGetCommand();
        CommandLine cl = Flux.configure(new CommandLine(c));
        cl.parseArgs(Getopt.rewrite(cl, List.of(args), (p, n) -> null).toArray(String[]::new));
        return c;
    }

    @Test
    void whenIsOnlyEverAttachedToTheColorOption() {
        KvsEventlogGetCommand c = get("-L", "key");
        assertEquals("always", c.color);
        assertEquals("key", c.key);
        c = get("--color", "key");
        assertEquals("always", c.color);
        assertEquals("key", c.key);
        c = get("-Lnever", "key");
        assertEquals("never", c.color);
        c = get("--color=auto", "key");
        assertEquals("auto", c.color);
        c = get("-H", "-L", "-u", "key");
        assertEquals("always", c.color);
        assertTrue(c.human && c.unformatted);
        // options end at the first operand, as flux-core's optparse has it
        assertThrows(CommandLine.ParameterException.class, () -> get("key", "-L"));
        c = get("key");
        assertNull(c.color);
        KvsEventlogWaitEventCommand w = new KvsEventlogWaitEventCommand();
        CommandLine cl = Flux.configure(new CommandLine(w));
        cl.parseArgs(Getopt.rewrite(cl, List.of("-L", "key", "event"), (p, n) -> null).toArray(String[]::new));
        assertEquals("always", w.color);
        assertEquals("key", w.key);
        assertEquals("event", w.event);
    }

    @Test
    void colorWhen() {
        assertTrue(Color.use("always", "color"));
        assertFalse(Color.use("never", "color"));
        CommandException e = assertThrows(CommandException.class, () -> Color.use("sometimes", "color"));
        assertEquals("Invalid argument to --color: 'sometimes'", e.getMessage());
    }

    @Test
    void badOptionsFailBeforeTheBrokerIsAsked() {
        for (String cmd : new String[] {"get", "wait-event"}) {
            String[] tail = cmd.equals("get") ? new String[] {"k"} : new String[] {"k", "e"};
            Run r = Run.flux(concat(new String[] {"kvs", "eventlog", cmd, "--color=foo"}, tail));
            assertEquals(new Run(1, "", "flux-kvs: Invalid argument to --color: 'foo'\n"), r);
            for (String[] opts : new String[][] {{"-Hu"}, {"-u", "--color=always"}, {"-u", "-L"}}) {
                r = Run.flux(concat(concat(new String[] {"kvs", "eventlog", cmd}, opts), tail));
                assertEquals(new Run(1, "", "flux-kvs: Do not specify --unformatted with --human or --color=always\n"), r);
            }
        }
    }

    @Test
    void everyOptionIsExplainedInHelp() {
        Run r = Run.flux("kvs", "eventlog", "get", "--help");
        for (String opt : new String[] {"--waitcreate", "--watch", "--count", "--unformatted", "--human",
            "--color[=WHEN]", "--stream", "--namespace"}) {
            assertTrue(r.err().contains(opt), opt + " in " + r.err());
        }
        r = Run.flux("kvs", "eventlog", "wait-event", "--help");
        for (String opt : new String[] {"--waitcreate", "--timeout", "--unformatted", "--quiet", "--verbose",
            "--human", "--color[=WHEN]"}) {
            assertTrue(r.err().contains(opt), opt + " in " + r.err());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
