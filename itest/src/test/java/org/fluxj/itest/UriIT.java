package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flux uri}, following flux-core's t2802-uri-cmd.t (the jobid resolver comes with jobs). */
class UriIT {

    @Test
    void helpListsTheResolvers() {
        FluxCli.Result r = FluxCli.run("uri", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Supported resolver schemes:\n  pid "), r.out());
    }

    @Test
    void localAndSshUrisPassThroughAndConvert() throws Exception {
        String ssh = "ssh://bongo@foo.com:123/tmp/flux-xyzzy/local-0";
        String local = "local:///tmp/flux-xyzzy/local-0";
        assertEquals(ssh + "\n", FluxCli.run("uri", ssh).out());
        assertEquals(local + "\n", FluxCli.run("uri", local).out());
        assertEquals(local + "\n", FluxCli.run("uri", "--local", ssh).out());
        assertEquals("ssh://" + InetAddress.getLocalHost().getHostName() + "/tmp/flux-xyzzy/local-0\n",
                FluxCli.run("uri", "--remote", local).out());
    }

    @Test
    void unknownSchemesAreOneLineErrors() {
        assertEquals(new FluxCli.Result(1, "", "flux-uri: No plugin for URI scheme bar\n"), FluxCli.run("uri", "bar:foo"));
        assertEquals(new FluxCli.Result(1, "", "flux-uri: No plugin for URI scheme jobid\n"), FluxCli.run("uri", "bar"));
    }

    @Test
    void pidResolverFindsTheUriOfAProcessOrOfABrokersChild(@TempDir Path dir) {
        Path err = dir.resolve("no-uri.err");
        String script = "test \"$(flux uri pid:$$)\" = \"$FLUX_URI\""
                + " && test \"$(flux uri pid:$$?local)\" = \"$FLUX_URI\""
                + " && test \"$(flux uri pid:$$?remote)\" = \"$(flux uri --remote $FLUX_URI)\""
                + " && test \"$(flux uri pid:$(flux getattr broker.pid))\" = \"$FLUX_URI\""
                + " && ! flux uri pid:$(flux exec -r 1 flux getattr broker.pid)"
                + " && ! flux uri \"pid:$$?local&remote\""
                + " && { env -u FLUX_URI sleep 60 & pid=$!; }"
                + " && ! flux uri pid:$pid 2>" + err + "; s=$?; kill $pid; grep -q \"doesn't seem to have a FLUX_URI\" " + err
                + " && test $s = 0";
        FluxCli.Result r = FluxCli.run("start", "--test-size=2", "sh", "-c", script);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("is a flux-broker and no child found"), r.err());
        assertTrue(r.err().contains("Only one of 'local' or 'remote' is allowed"), r.err());
        FluxCli.Result none = FluxCli.run("uri", "pid:999999999");
        assertEquals(1, none.status());
        assertEquals(1, none.err().lines().count(), none.err());
    }
}
