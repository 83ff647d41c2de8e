package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.fluxj.formats.curve.CurveCert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flux keygen}, with the expectations of flux-core's t0001-basic.t, and the result loaded as the broker would. */
class KeygenIT {
    @TempDir
    Path dir;

    private FluxCli.Result keygen(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "keygen";
        System.arraycopy(args, 0, all, 1, args.length);
        return FluxCli.run(all);
    }

    @Test
    void pathIsOptional() {
        FluxCli.Result r = keygen();
        assertEquals(0, r.status(), r.err());
        assertEquals("flux-keygen: WARNING: add PATH argument to save generated certificate\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void writesALoadableCertificateReadableByOwnerOnly() throws Exception {
        Path cert = dir.resolve("cert");
        FluxCli.Result r = keygen(cert.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
        CurveCert c = CurveCert.load(cert); // as the broker loads [bootstrap] curve_cert
        assertTrue(c.hasSecret());
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(host, c.name());
        assertEquals(host, c.metadata().get("keygen.hostname"));
        assertTrue(c.metadata().get("keygen.time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
        assertTrue(c.metadata().get("keygen.userid").matches("\\d+"));
        assertTrue(Files.readString(cert).startsWith("#  ZeroMQ CURVE **Secret** Certificate\n"));
    }

    @Test
    void nameAndMeta() throws Exception {
        Path c2 = dir.resolve("cert2");
        assertEquals(0, keygen("--name=testcert", c2.toString()).status());
        assertEquals("testcert", CurveCert.read(c2).name());
        Path c3 = dir.resolve("cert3");
        assertEquals(0, keygen("--meta", "mammal=chinchilla,reptile=chamelion", c3.toString()).status());
        assertEquals("chinchilla", CurveCert.read(c3).metadata().get("mammal"));
        assertEquals("chamelion", CurveCert.read(c3).metadata().get("reptile"));
        Path c4 = dir.resolve("cert4");
        assertEquals(0, keygen("--meta=keygen.hostname=myhost", "-n", "cluster", c4.toString()).status());
        assertEquals("myhost", CurveCert.read(c4).metadata().get("keygen.hostname"));
        assertEquals("cluster", CurveCert.read(c4).name());
        Path c5 = dir.resolve("cert5");
        assertEquals(0, keygen("--meta", "smurf=", c5.toString()).status());
        assertEquals("", CurveCert.read(c5).metadata().get("smurf"));
        Path c6 = dir.resolve("cert6");
        assertEquals(0, keygen("--meta", "smurf", "--meta", "a=1", c6.toString()).status());
        assertEquals("", CurveCert.read(c6).metadata().get("smurf"));
        assertEquals("1", CurveCert.read(c6).metadata().get("a"));
    }

    @Test
    void overwritesWithNewKeys() throws Exception {
        Path cert = dir.resolve("cert");
        assertEquals(0, keygen(cert.toString()).status());
        CurveCert first = CurveCert.read(cert);
        assertEquals(0, keygen(cert.toString()).status());
        assertNotEquals(first.secretText(), CurveCert.read(cert).secretText());
    }

    @Test
    void errors() {
        FluxCli.Result r = keygen(dir.resolve("a").toString(), "xyz");
        assertNotEquals(0, r.status());
        assertFalse(Files.exists(dir.resolve("a")));
        r = keygen("--force", dir.resolve("b").toString());
        assertNotEquals(0, r.status());
        assertTrue(r.err().startsWith("flux-keygen: "), r.err());
        r = keygen(dir.resolve("no/such/dir/cert").toString());
        assertEquals(1, r.status());
        assertEquals("flux-keygen: open " + dir.resolve("no/such/dir/cert") + ": No such file or directory\n", r.err());
        r = keygen("--meta", "bad key=v", dir.resolve("c").toString());
        assertEquals(1, r.status());
        assertEquals("flux-keygen: error setting certificate metadata: invalid certificate metadata key 'bad key'\n",
                r.err());
    }
}
