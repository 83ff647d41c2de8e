package org.fluxj.cmd.hostlist;

import org.fluxj.cmd.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** flux hostlist run in-process, and its job id recognizer. */
class HostlistCommandTest {

    private static Run run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "hostlist";
        System.arraycopy(args, 0, full, 1, args.length);
        return Run.flux(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo1", "f1", "fuzz1", "\u0192abc", "14636", "0", "0x1f", "18446744073709551615",
        "0000.0000.0000.0001", "ffff.ffff.ffff.ffff"})
    void jobIds(String s) {
        assertTrue(HostlistCommand.looksLikeJobId(s), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host1", "foo[1-3]", "fuzz100", "f", "f0", "node-1", "18446744073709551616",
        "0x", "a.b", "1.2.3", "bar", "foo1,foo2", "fzzzzzzzzzzzz", "fzzzzzzzzzzz"})
    void notJobIds(String s) {
        assertFalse(HostlistCommand.looksLikeJobId(s), s);
    }

    @Test
    void expandsAndEncodes() {
        assertEquals(new Run(0, "node01 node02 node03 node7\n", ""), run("--expand", "node[01-03,7]"));
        assertEquals(new Run(0, "foo[1-3]\n", ""), run("--fallback", "foo1", "foo2", "foo3"));
        assertEquals(new Run(0, "host[1,4-10]\n", ""), run("-m", "host[1-10]", "host[2-3]"));
        // As flux-hostlist.py: excluded "hosts" are sorted as strings before being read as
        // indices, so "3,10" (read as "10,3") is not an idset and excludes nothing.
        assertEquals(new Run(0, "foo[0-10]\n", ""), run("-x", "3,10", "foo[0-10]"));
        assertEquals(new Run(0, "foo[0-2,4]\n", ""), run("-x", "3,5-10", "foo[0-10]"));
    }

    @Test
    void errorsAreOneLine() {
        Run r = run("foo[1-");
        assertEquals(1, r.status());
        assertEquals("flux-hostlist: hostlist: unmatched '[' in 'foo[1-'\n", r.err());
        r = run("-e", "-c", "foo");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count());
    }
}
