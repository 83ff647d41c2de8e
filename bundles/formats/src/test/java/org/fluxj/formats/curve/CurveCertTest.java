package org.fluxj.formats.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/** Certificates: flux-core's cert.c test vectors, key derivation against JeroMQ, file round trips and errors. */
class CurveCertTest {
    // valid key pairs from flux-core's libzmqutil/test/cert.c
    static final String PAIR1_PUB = "FYFE.@650VuUqRGygAtG.RC$A<cid63q(WEnR+&y";
    static final String PAIR1_SEC = "^Oto<5V$^d/V}kj6^Q[LRwdgAY5K3gE{gN2+1ox)";
    static final String PAIR2_PUB = "Viyg(M7U*Q6ZI=D6(q?]amgXrQ{[IQnEY{IF5*X)";
    static final String PAIR2_SEC = "7F)3@>MGW.+)..qc)8R#lfL31*^QX<GXufgpVtbA";

    static final String CZMQ_SAMPLE = """
            #   ****  Generated on 2023-09-16 23:15:27 by CZMQ  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            metadata
                name = "picl0"
                keygen.czmq-version = "4.2.1"
                keygen.sodium-version = "1.0.18"
                keygen.flux-core-version = "0.54.0"
                keygen.hostname = "picl0"
                keygen.time = "2023-09-16T23:15:27"
                keygen.userid = "5588"
                keygen.zmq-version = "4.3.4"
            curve
                public-key = "8)TKx/<plQR>gO0.HCH/AsS3n[QeKMOy@}$)=GVu"
                secret-key = "225YW{2q$:dqH]7cCbZW4a-}5Al/)0vkb>cE)o}Z"
            """;

    @TempDir
    Path dir;

    @Test
    void z85SpecVector() {
        // ZeroMQ RFC 32: 0x86 0x4F 0xD2 0x6F 0xB5 0x59 0xF7 0x5B encodes as "HelloWorld"
        byte[] b = {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};
        assertEquals("HelloWorld", Z85.encode(b));
        assertArrayEquals(b, Z85.decode("HelloWorld"));
        assertNull(Z85.decode("Hello"  + "Wor d"));
        assertNull(Z85.decode("Hell"));
        assertNull(Z85.decode("#####")); // above 2^32-1
        assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[3]));
    }

    @Property
    void z85RoundTripsAndAgreesWithJeroMQ(@ForAll @Size(value = 32) byte[] key) {
        String text = Z85.encode(key);
        assertEquals(ZMQ.Curve.z85Encode(key), text);
        assertArrayEquals(key, Z85.decode(text));
    }

    @Test
    void publicKeyDerivationMatchesLibsodium() throws FormatException {
        assertEquals(PAIR1_PUB, Z85.encode(CurveCert.publicKeyOf(Z85.decode(PAIR1_SEC))));
        assertEquals(PAIR2_PUB, Z85.encode(CurveCert.publicKeyOf(Z85.decode(PAIR2_SEC))));
        CurveCert c = CurveCert.fromText(PAIR1_PUB, PAIR1_SEC);
        assertEquals(PAIR1_PUB, c.publicText());
        assertEquals(PAIR1_SEC, c.secretText());
        // and against JeroMQ's own key generator (jnacl)
        for (int i = 0; i < 5; i++) {
            ZMQ.Curve.KeyPair kp = ZMQ.Curve.generateKeyPair();
            assertEquals(kp.publicKey, Z85.encode(CurveCert.publicKeyOf(Z85.decode(kp.secretKey))));
        }
    }

    @Test
    void generatedPairsAreValidAndDistinct() throws FormatException {
        CurveCert a = CurveCert.generate();
        CurveCert b = CurveCert.generate();
        assertNotEquals(a.publicText(), b.publicText());
        assertEquals(a.publicText(), CurveCert.fromText(a.publicText(), a.secretText()).publicText());
        assertFalse(a.toString().contains(a.secretText()));
        assertFalse(a.publicOnly().hasSecret());
    }

    @Test
    void czmqSampleParses() throws FormatException {
        CurveCert c = CurveCert.parse(CZMQ_SAMPLE, "sample");
        assertEquals("8)TKx/<plQR>gO0.HCH/AsS3n[QeKMOy@}$)=GVu", c.publicText());
        assertEquals("picl0", c.name());
        assertEquals("2023-09-16T23:15:27", c.metadata().get("keygen.time"));
        assertEquals(8, c.metadata().size());
    }

    @Test
    void goodVariantsParse() throws FormatException {
        CurveCert.parse("curve\n public-key = \"" + PAIR1_PUB + "\"\n\n secret-key = \"" + PAIR1_SEC + "\"\n\n", "blank");
        CurveCert.parse("metadata\n\t# comment \ncurve\n# comment \n public-key = \"" + PAIR1_PUB
                + "\"\n secret-key = \"" + PAIR1_SEC + "\"\n", "comments");
        CurveCert c = CurveCert.parse("curve\n public-key = \"" + PAIR2_PUB + "\"\n secret-key = \"" + PAIR2_SEC
                + "\"\n", "hash");
        assertEquals(PAIR2_SEC, c.secretText());
    }

    private static String bad(String text) {
        return assertThrows(FormatException.class, () -> CurveCert.parse(text, "/etc/flux/cert")).getMessage();
    }

    @Test
    void badVariantsFailWithOneLineNamingFileAndKey() {
        String pub = " public-key = \"" + PAIR1_PUB + "\"\n";
        String sec = " secret-key = \"" + PAIR1_SEC + "\"\n";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "/etc/flux/cert: curve public-key is missing");
        cases.put("metadata\n", "/etc/flux/cert: curve public-key is missing");
        cases.put("metadata\ncurve\n", "/etc/flux/cert: curve public-key is missing");
        cases.put("metadata\nunknown\ncurve\n" + pub + sec,
                "/etc/flux/cert: line 2: unknown section 'unknown' (expected metadata or curve)");
        cases.put(" curve\n" + pub + sec,
                "/etc/flux/cert: line 1: entry 'curve' is outside the metadata and curve sections");
        cases.put("curve\n" + pub.strip() + "\n" + sec,
                "/etc/flux/cert: line 2: entry 'public-key = \"" + PAIR1_PUB + "\"' is not indented under its section");
        cases.put("curve\n" + sec, "/etc/flux/cert: curve public-key is missing");
        cases.put("curve\n" + pub, "/etc/flux/cert: curve secret-key is missing");
        cases.put("curve\n public-key = \"FYFE.@650VuUqRGygAtG.RC$A<cid63q(WEVtb A\"\n" + sec,
                "/etc/flux/cert: line 2: curve public-key: not a 40-character Z85 key");
        cases.put("metadata\ncurve\n public-key = \"" + PAIR1_PUB + "\n" + sec,
                "/etc/flux/cert: line 3: curve public-key: value is not in double quotes");
        cases.put("metadata\ncurve\n public-key = \"" + PAIR1_PUB + PAIR1_PUB + "\"\n" + sec,
                "/etc/flux/cert: line 3: curve public-key: not a 40-character Z85 key");
        cases.put("metadata\ncurve\n public-key = \"YYFE.@650VuUqRGygAtG.RC$A<cid63q(WEnR+&y\"\n" + sec,
                "/etc/flux/cert: curve public-key does not match secret-key");
        cases.put("curve\n" + pub + sec + " other-key = \"x\"\n",
                "/etc/flux/cert: line 4: curve other-key: unknown key (expected public-key or secret-key)");
        cases.put("metadata\n name = \"a\"\n name = \"b\"\n", "/etc/flux/cert: line 3: metadata name: duplicate key");
        cases.put("metadata\n name \"a\"\n", "/etc/flux/cert: line 2: expected key = \"value\" in the metadata section");
        cases.put("metadata\n name = \"a\u00e9\"\n",
                "/etc/flux/cert: line 2: metadata name: value has characters a certificate may not hold");
        cases.forEach((text, expected) -> {
            String msg = bad(text);
            assertEquals(expected, msg, text);
            assertFalse(msg.contains("\n"));
        });
    }

    @Test
    void writeReadRoundTripWithMode0600() throws Exception {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("name", "cluster");
        meta.put("keygen.time", "2024-01-02T03:04:05");
        meta.put("empty", "");
        CurveCert c = CurveCert.generate().withMetadata(meta);
        Path p = dir.resolve("curve.cert");
        c.write(p);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        String text = Files.readString(p);
        assertTrue(text.startsWith("#  ZeroMQ CURVE **Secret** Certificate\n#  DO NOT DISTRIBUTE\n\nmetadata\n"
                + "    name = \"cluster\"\n"), text);
        assertTrue(text.endsWith("curve\n    public-key = \"" + c.publicText() + "\"\n    secret-key = \""
                + c.secretText() + "\"\n"));
        assertEquals(c, CurveCert.load(p));
        assertEquals(c, CurveCert.read(p));
        // overwriting truncates and keeps an existing mode
        CurveCert d = CurveCert.generate();
        d.write(p);
        assertEquals(d, CurveCert.read(p));
    }

    @Test
    void loadRefusesGroupReadableAndMissingFiles() throws Exception {
        Path p = dir.resolve("cert");
        CurveCert.generate().write(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(p + ": readable by group/other",
                assertThrows(FormatException.class, () -> CurveCert.load(p)).getMessage());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw----r--"));
        assertEquals(p + ": readable by group/other",
                assertThrows(FormatException.class, () -> CurveCert.load(p)).getMessage());
        CurveCert.read(p); // reading without the check works
        Path missing = dir.resolve("nope");
        assertEquals(missing + ": No such file or directory",
                assertThrows(FormatException.class, () -> CurveCert.load(missing)).getMessage());
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertEquals(binary + ": not a text file",
                assertThrows(FormatException.class, () -> CurveCert.read(binary)).getMessage());
    }

    @Test
    void badKeysAndMetadataRefused() {
        assertThrows(FormatException.class, () -> CurveCert.fromText("short", null));
        assertThrows(FormatException.class, () -> CurveCert.fromText(PAIR1_PUB, PAIR2_SEC));
        assertThrows(IllegalArgumentException.class,
                () -> CurveCert.generate().withMetadata(Map.of("bad key", "v")));
        assertThrows(IllegalArgumentException.class,
                () -> CurveCert.generate().withMetadata(Map.of("k", "quote\"")));
        assertThrows(IllegalStateException.class, () -> CurveCert.generate().publicOnly().toText());
    }
}
