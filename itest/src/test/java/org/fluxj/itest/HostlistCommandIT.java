package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code flux hostlist}, with the cases of flux-core's t/t2814-hostlist-cmd.t that need no broker. */
class HostlistCommandIT {

    private static final Map<String, String> NO_URI = Map.of();

    /** Runs flux hostlist, checks that it succeeded quietly, and returns its stdout. */
    private static String out(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "hostlist";
        System.arraycopy(args, 0, full, 1, args.length);
        FluxCli.Result r = FluxCli.run(full);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    private static FluxCli.Result fails(int status, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "hostlist";
        System.arraycopy(args, 0, full, 1, args.length);
        FluxCli.Result r = FluxCli.run(full);
        assertEquals(status, r.status(), r.out() + r.err());
        assertEquals(status == 1 && r.err().isEmpty() ? 0 : 1, r.err().lines().count(), r.err());
        return r;
    }

    /** Arguments (split on spaces), expected stdout (without the newline, '' for none). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--expand node[01-03,7]|node01 node02 node03 node7",
        "-c foo[1-10]|10",
        "foo[1-3]|foo[1-3]",
        "--fallback foo1 foo2 foo3|foo[1-3]",
        "--quiet foo[1-10]|''",
        "-e foo[1-3]|foo1 foo2 foo3",
        "--nth=1 foo[1-10]|foo2",
        "--nth=-1 foo[1-10]|foo10",
        "--nth=1,3-4 foo[1-10]|foo[2,4-5]",
        "--nth=-1,3-4 foo[1-10]|foo[7-8,10]",
        "-e --nth=1,3-4 foo[1-10]|foo2 foo4 foo5",
        "-F foo1 foo[1-10]|0",
        "-F foo10 foo[1-10]|9",
        "-F foo[1-2] foo[1-10]|0 1",
        "-x foo1 foo[0-10]|foo[0,2-10]",
        "-x foo[0-9] foo[0-10]|foo10",
        "-x 1 foo[0-10]|foo[0,2-10]",
        "-x 0-9 foo[0-10]|foo10",
        "-x foo5 -n 5-6 foo[1-10]|foo[7-8]",
        "-L 2 foo[1-10]|foo[1-2]",
        "-L -2 foo[1-10]|foo[9-10]",
        "host1 host0 host5 host4|host[1,0,5,4]",
        "host1 host1 host1|host[1,1,1]",
        "-S host3 host2 host1 host0|host[0-3]",
        "-S host2 host1 host3 host1|host[1,1-3]",
        "-u host2 host1 host3 host1|host[1-3]",
        "-u host[1-3] host2|host[1-3]",
        "-u host[1-3] bar baz|bar,baz,host[1-3]",
        "-i host[1-3] host[2-5]|host[2-3]",
        "-i host[1-3] host[2-5] host[3-10]|host3",
        "-X host[1-3] host[2-5]|host[1,4-5]",
        "-X host[1-3] host[2-5] host[3-10]|host[1,3,6-10]",
        "-X host[3-10] host[1-3] host[2-5]|host[1,3,6-10]",
        "-m host[1-10] host[2-3]|host[1,4-10]",
        "-m host[1-10] host[2-3] host[5-10]|host[1,4]",
        "-m host[1-10] host[1-20]|''",
        "-m host[1,1,1] host1|host[1,1]",
        "-um host[1,1,1] host1|host1",
        "--union --unique host1 host1|host1",
        "-i host1 host2|''",
    })
    void t2814(String args, String expected) {
        String want = expected.isEmpty() ? "" : expected + "\n";
        assertEquals(want, out(args.split(" ")));
    }

    @Test
    void expandWithNewlineDelimiter() {
        assertEquals("foo1\nfoo2\nfoo3\n", out("--expand", "--delimiter=\\n", "foo[1-3]"));
        assertEquals("foo1,foo2,foo3\n", out("-e", "-d", ",", "foo[1-3]"));
        assertEquals("0\n", out("-c", ""));
        assertEquals("", out(""));
    }

    @Test
    void readsStdinByDefault() {
        for (String in : new String[] {"foo1 foo2 foo3", "foo1\nfoo2\nfoo3", "foo[1-3]\n", "foo1\r\nfoo[2-3]  \n"}) {
            FluxCli.Result r = FluxCli.runWithInput(in, NO_URI, "hostlist");
            assertEquals(0, r.status(), r.err());
            assertEquals("foo[1-3]\n", r.out());
            FluxCli.Result dash = FluxCli.runWithInput(in, NO_URI, "hostlist", "-");
            assertEquals("foo[1-3]\n", dash.out(), dash.err());
            FluxCli.Result word = FluxCli.runWithInput(in, NO_URI, "hostlist", "-c", "stdin");
            assertEquals("3\n", word.out(), word.err());
        }
        FluxCli.Result both = FluxCli.runWithInput("a1\n", NO_URI, "hostlist", "-", "b[1-2]");
        assertEquals("a1,b[1-2]\n", both.out(), both.err());
        FluxCli.Result empty = FluxCli.run("hostlist");
        assertEquals(0, empty.status(), empty.err());
        assertEquals("", empty.out());
    }

    @Test
    void badStdinIsOneLine() {
        FluxCli.Result r = FluxCli.runWithInput("foo1\nfoo[2\n", NO_URI, "hostlist");
        assertEquals(1, r.status());
        assertEquals("flux-hostlist: hostlist: unmatched '[' in 'foo[2'\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void rejectsInvalidHostlists() {
        FluxCli.Result r = fails(1, "foo[1-");
        assertEquals("flux-hostlist: hostlist: unmatched '[' in 'foo[1-'\n", r.err());
        assertEquals("", r.out());
        r = fails(1, "node[3-1]");
        assertEquals("flux-hostlist: hostlist: invalid range 'node[3-1]'\n", r.err());
        fails(1, "foo[0-1048576]");
        fails(1, "-F", "foo[", "foo1");
        r = fails(1, "-n", "x", "foo[1-3]");
        assertTrue(r.err().startsWith("flux-hostlist: idset: "), r.err());
        r = fails(2, "-x", "foo[", "foo1");
        assertTrue(r.err().startsWith("flux-hostlist: "), r.err());
    }

    @Test
    void nthOutOfRangeFails() {
        FluxCli.Result r = fails(1, "-n", "10", "foo[1-10]");
        assertTrue(r.err().startsWith("flux-hostlist: "), r.err());
        fails(1, "-n", "1,10", "foo[1-10]");
        fails(1, "--nth=-11", "foo[1-10]");
    }

    @Test
    void findFailsIfAHostIsMissing() {
        FluxCli.Result r = fails(1, "-F", "foo1", "foo[2-10]");
        assertEquals("flux-hostlist: host 'foo1' not found\n", r.err());
        r = fails(1, "-F", "foo[1-11]", "foo[2-10]");
        assertEquals("flux-hostlist: hosts 'foo[1,11]' not found\n", r.err());
    }

    @Test
    void quietFailsOnAnEmptyResult() {
        FluxCli.Result r = fails(1, "-qm", "host[1-10]", "host[1-20]");
        assertEquals("", r.out());
        assertEquals("", r.err());
        r = fails(1, "--quiet", "--intersect", "host1", "host2");
        assertEquals("", r.err());
    }

    @Test
    void sourcesThatNeedAnInstanceFailWithOneLine() {
        for (String source : new String[] {"avail", "available"}) {
            FluxCli.Result r = fails(1, source);
            assertTrue(r.err().startsWith("flux-hostlist: "), r.err());
            assertTrue(r.err().contains("FLUX_URI is not set"), r.err());
        }
        // instance and local ask the broker for its hostlist attribute
        for (String source : new String[] {"local", "instance", "-l"}) {
            FluxCli.Result r = fails(1, source);
            assertTrue(r.err().startsWith("flux-hostlist: cannot connect to "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        // foo1 is a valid F58 job id: without --fallback it needs an instance to look up.
        FluxCli.Result job = fails(1, "foo1");
        assertTrue(job.err().startsWith("flux-hostlist: cannot look up job foo1"), job.err());
        assertTrue(job.err().contains("--fallback"), job.err());
        fails(1, "14636");
        FluxCli.Result withUri = FluxCli.runWithInput(null, Map.of("FLUX_URI", "local:///nowhere"), "hostlist", "local");
        assertEquals(1, withUri.status());
        assertEquals(1, withUri.err().lines().count(), withUri.err());
        assertTrue(withUri.err().contains("local:///nowhere"), withUri.err());
    }

    @Test
    void usageErrorsExitTwo() {
        FluxCli.Result r = fails(2, "-e", "-c", "foo");
        assertTrue(r.err().startsWith("flux-hostlist: "), r.err());
        fails(2, "-i", "-m", "foo");
        fails(2, "-L", "x", "foo");
        fails(2, "--frobozz");
    }

    @Test
    void helpDescribesSources() {
        FluxCli.Result r = FluxCli.run("hostlist", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("SOURCES may include"), r.out());
        assertTrue(r.out().contains("--expand"), r.out());
    }
}
