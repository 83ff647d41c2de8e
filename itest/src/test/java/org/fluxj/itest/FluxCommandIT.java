package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The top-level command: version, help, unknown commands and bad options. */
class FluxCommandIT {

    @Test
    void versionPrintsTheCommandsVersion() {
        FluxCli.Result r = FluxCli.run("version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("commands:    \t\t"), r.out());
        assertTrue(r.out().contains("libflux-core:\t\t"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void dashDashVersionRunsVersion() {
        FluxCli.Result r = FluxCli.run("--version");
        assertEquals(0, r.status());
        assertEquals(FluxCli.run("version").out(), r.out());
    }

    @Test
    void unknownCommandIsOneLineAndStatusOne() {
        FluxCli.Result r = FluxCli.run("frobozz");
        assertEquals(1, r.status());
        assertEquals("flux: `frobozz' is not a flux command.  See 'flux --help'\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void badOptionIsOneLineAndStatusOne() {
        FluxCli.Result r = FluxCli.run("version", "--frobozz");
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("flux-version: "), r.err());
        assertTrue(r.err().contains("--frobozz"), r.err());
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        FluxCli.Result r = FluxCli.run();
        assertEquals(1, r.status());
        assertTrue(r.err().contains("Usage: flux"), r.err());
    }

    @Test
    void helpDescribesFluxAndEachCommand() {
        FluxCli.Result all = FluxCli.run("help");
        assertEquals(0, all.status());
        assertTrue(all.out().contains("version"), all.out());
        FluxCli.Result one = FluxCli.run("help", "version");
        assertEquals(0, one.status());
        assertEquals(FluxCli.run("version", "--help").err(), one.out()); // optparse's usage goes to stderr
        FluxCli.Result none = FluxCli.run("help", "frobozz");
        assertEquals(1, none.status());
        assertEquals("flux-help: No help for frobozz\n", none.err());
    }

    @Test
    void everyCommandExplainsItself() {
        for (String command : new String[] {"version", "hostlist", "job", "R", "submit", "run", "start"}) {
            FluxCli.Result r = FluxCli.run("help", command);
            assertEquals(0, r.status(), command + ": " + r.err());
            // optparse's usage line (C commands), or argparse's (Python commands: hostlist, submit, run)
            assertTrue(r.out().startsWith("Usage: flux " + command) || r.out().startsWith("usage: flux-" + command),
                    command + ": " + r.out());
            assertTrue(r.out().contains("--help"), command + ": " + r.out());
            FluxCli.Result help = FluxCli.run(command, "--help"); // stderr (optparse) or stdout (argparse)
            assertEquals(r.out(), help.out() + help.err(), command);
        }
    }
}
