package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on the KVS through bin/flux (issue 10): extreme keys and values are stored, or
 * refused with an error naming what was wrong; after each probe the broker answers ping, and after
 * a restart on the same statedir every key acknowledged before reads back.
 */
class KvsLimitsIT {
    private static final String LONG_KEY = "k".repeat(60_000);
    private static final String DEEP_KEY = String.join(".", Collections.nCopies(5000, "a"));
    private static final String DEEP_JSON = "[".repeat(5000) + "]".repeat(5000);

    private static TestBroker broker(Path statedir) throws IOException {
        Files.createDirectories(statedir);
        return new TestBroker(List.of("-Sstatedir=" + statedir), Map.of());
    }

    private static void answersPing(TestBroker b) {
        assertTrue(b.ok("ping", "--count=1", "kvs").contains("kvs.ping"));
    }

    @Test
    void extremeKeysAndValuesAreKeptOrRefusedAndAllReadBackAfterARestart(@TempDir Path statedir, @TempDir Path tmp)
            throws Exception {
        Path big = tmp.resolve("big");
        byte[] data = new byte[100_000_000]; // flux-core stores values of 100 MB
        new Random(10).nextBytes(data);
        Files.write(big, data);
        try (TestBroker b = broker(statedir)) {
            b.ok("kvs", "put", "before=1");

            b.ok("kvs", "put", LONG_KEY + "=long"); // past Jackson's default name limit of 50,000
            answersPing(b);

            b.ok("kvs", "put", DEEP_KEY + "=deep"); // a StackOverflowError in kvs.commit once
            answersPing(b);
            b.ok("kvs", "put", "after-deep=1"); // later commits to the namespace go on

            b.ok("kvs", "put", "deep-json=" + DEEP_JSON); // a value is bytes: kept as given
            FluxCli.Result tooDeep = b.flux("kvs", "put", "-t", "t=" + DEEP_JSON);
            assertEquals(1, tooDeep.status());
            assertEquals("flux-kvs: t: treeobj: JSON nesting depth 2049 exceeds the nesting-depth limit (2048 levels)\n",
                    tooDeep.err());
            answersPing(b);

            // bytes that are not UTF-8: stored exactly, as flux-core's flux kvs put stores them
            assertEquals(0, run(b, "flux kvs put bad=$(printf 'a\\377\\376b')"));
            assertEquals(0, run(b, "flux kvs put -r badraw=$(printf '\\300\\200')"));
            FluxCli.Result badKey = shell(b, "flux kvs put $(printf 'k\\377')=1");
            assertEquals(1, badKey.status());
            assertTrue(badKey.err().endsWith(": Invalid argument\n"), badKey.err());
            answersPing(b);

            assertEquals(0, run(b, "flux kvs put -r big=- < " + big));
            answersPing(b);
            assertEquals(0, b.finish());
        }
        try (TestBroker b = broker(statedir)) {
            assertEquals("1\nlong\ndeep\n1\n" + DEEP_JSON + "\n",
                    b.ok("kvs", "get", "before", LONG_KEY, DEEP_KEY, "after-deep", "deep-json"));
            Path got = tmp.resolve("got");
            assertEquals(0, run(b, "flux kvs get bad > " + got));
            assertArrayEquals(new byte[] {'a', (byte) 0377, (byte) 0376, 'b', '\n'}, Files.readAllBytes(got));
            assertEquals(0, run(b, "flux kvs get -r badraw > " + got));
            assertArrayEquals(new byte[] {(byte) 0300, (byte) 0200}, Files.readAllBytes(got));
            assertEquals(0, run(b, "flux kvs get -r big > " + got));
            assertEquals(-1L, Files.mismatch(big, got), "the 100 MB value reads back whole");
            Files.delete(got);
            // flux dump and flux restore walk the tree too (rc3 dumps it for shutdown --gc)
            Path dump = tmp.resolve("dump.tar");
            b.ok("kvs", "unlink", "big");
            b.ok("dump", "--quiet", dump.toString());
            b.ok("restore", "--quiet", "--key=restored", dump.toString());
            assertEquals("deep\n", b.ok("kvs", "get", "restored." + DEEP_KEY));
            answersPing(b);
            assertEquals(0, b.finish());
        }
    }

    /** Runs a bash script against the broker, bin/flux first on PATH: words a user types, bytes that are not UTF-8 included. */
    private static FluxCli.Result shell(TestBroker b, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(FluxCli.defaultSignals("bash", "-c", script));
        pb.environment().put("FLUX_URI", b.uri());
        pb.environment().put("PATH", FluxCli.root().resolve("bin") + ":" + System.getenv("PATH"));
        Path err = Files.createTempFile("kvs-limits", ".err");
        try {
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            int status = p.waitFor();
            return new FluxCli.Result(status, "", Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }

    /** {@link #shell} that must succeed quietly. */
    private static int run(TestBroker b, String script) throws IOException, InterruptedException {
        FluxCli.Result r = shell(b, script);
        assertEquals("", r.err(), script);
        return r.status();
    }
}
