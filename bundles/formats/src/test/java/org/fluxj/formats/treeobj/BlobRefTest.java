package org.fluxj.formats.treeobj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from flux-core's libutil/test/blobref.c, t1001-kvs-internals.t and FIPS 180. */
class BlobRefTest {

    private static byte[] sevens() {
        byte[] data = new byte[1024];
        Arrays.fill(data, (byte) 7);
        return data;
    }

    @Test
    void hashesRawBytesAsFluxCoreDoes() {
        // blobref.c's goodref[] are the digests of its 1024 bytes of 7
        assertEquals("sha1-4d4ed591f7d26abd8145650f334d283bdb661765", BlobRef.hash(Algorithm.SHA1, sevens()).toString());
        assertEquals("sha256-a99c07ce93703c7390589c5b007bd9a97a8b6de29e9a920d474d4f028ce2d42c",
                BlobRef.hash(Algorithm.SHA256, sevens()).toString());
        assertEquals("sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709", BlobRef.hash(Algorithm.SHA1, new byte[0]).toString());
        assertEquals("sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                BlobRef.hash(Algorithm.SHA256, new byte[0]).toString());
        assertEquals("sha1-a9993e364706816aba3e25717850c26c9cd0d89d", BlobRef.hash(Algorithm.SHA1, bytes("abc")).toString());
        assertEquals("sha256-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                BlobRef.hash(Algorithm.SHA256, bytes("abc")).toString());
        // t1001: flux kvs put of this value stores it as a blob with this blobref
        String largeval = "abcdefghijklmnopqrstuvwxyz".repeat(4);
        assertEquals("sha1-d8cc4fd0a57d0e0e96cdb3e74164f734c593ed65", BlobRef.hash(Algorithm.SHA1, bytes(largeval)).toString());
    }

    @Test
    void hashesASlice() {
        byte[] data = bytes("xxabcxx");
        assertEquals(BlobRef.hash(Algorithm.SHA1, bytes("abc")), BlobRef.hash(Algorithm.SHA1, data, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha1-4d4ed591f7d26abd8145650f334d283bdb661765",
        "sha256-a99c07ce93703c7390589c5b007bd9a97a8b6de29e9a920d474d4f028ce2d42c",
    })
    void parsesGoodRefs(String text) throws FormatException {
        BlobRef ref = BlobRef.parse(text);
        assertEquals(text, ref.toString());
        assertTrue(BlobRef.isValid(text));
        assertEquals(ref, BlobRef.ofDigest(ref.algorithm(), ref.digest()));
        assertTrue(ref.matches(sevens()));
    }

    @Test
    void refusesBadRefsWithOneLineMessages() {
        // blobref.c's badref[]
        assertBad("nerf-4d4ed591f7d26abd8145650f334d283bdb661765", "unknown hash algorithm \"nerf\"");
        assertBad("sha14d4ed591f7d26abd8145650f334d283bdb661765", "expected <hash>-<hex digest>");
        assertBad("sha256-4d4ed591f7d26abd8145650f334d283bdb661765", "sha256 digest must be 64 hex digits, got 40");
        assertBad("sha1-4d4ed591f7d26abd8145650f334d283bdb66176x", "not lower-case hex");
        // more
        assertBad("sha1-4D4ED591F7D26ABD8145650F334D283BDB661765", "not lower-case hex");
        assertBad("sha1-", "got 0");
        assertBad("sha1", "expected <hash>-<hex digest>");
        assertBad("", "expected <hash>-<hex digest>");
        assertBad("sha1-4d4ed591f7d26abd8145650f334d283bdb6617650", "got 41");
        assertBad("SHA1-4d4ed591f7d26abd8145650f334d283bdb661765", "unknown hash algorithm");
        assertBad("sha1-4d4ed591f7d26abd8145650f334d283bdb66176\n", "not lower-case hex");
        assertBad(" sha1-4d4ed591f7d26abd8145650f334d283bdb661765", "unknown hash algorithm");
        assertBad(null, "missing");
        assertFalse(BlobRef.isValid("sha1-foo"));
    }

    @Test
    void aLongBadRefIsShortenedInTheMessage() {
        FormatException e = assertThrows(FormatException.class, () -> BlobRef.parse("sha1-" + "a".repeat(10000)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void digestsOfTheWrongLengthAreRefused() {
        assertThrows(FormatException.class, () -> BlobRef.ofDigest(Algorithm.SHA1, new byte[32]));
        assertThrows(FormatException.class, () -> BlobRef.ofDigest(Algorithm.SHA256, new byte[20]));
        assertThrows(FormatException.class, () -> BlobRef.ofDigest(Algorithm.SHA1, null));
    }

    @Test
    void algorithmsByTheirFluxNames() throws FormatException {
        assertEquals(Algorithm.SHA1, Algorithm.byName("sha1"));
        assertEquals(Algorithm.SHA256, Algorithm.byName("sha256"));
        assertEquals(20, Algorithm.SHA1.digestLength());
        assertEquals(32, Algorithm.SHA256.digestLength());
        FormatException e = assertThrows(FormatException.class, () -> Algorithm.byName("nerf"));
        assertEquals("unknown hash algorithm \"nerf\" (expected sha1 or sha256)", e.getMessage());
        assertThrows(FormatException.class, () -> Algorithm.byName(null));
    }

    @Test
    void digestIsACopyAndEqualityIsByValue() throws FormatException {
        BlobRef a = BlobRef.hash(Algorithm.SHA1, bytes("abc"));
        byte[] d = a.digest();
        d[0] ^= 1;
        assertNotEquals(a, BlobRef.ofDigest(Algorithm.SHA1, d));
        assertEquals(a, BlobRef.parse(a.toString()));
        assertEquals(a.hashCode(), BlobRef.parse(a.toString()).hashCode());
        assertArrayEquals(a.digest(), BlobRef.parse(a.toString()).digest());
        assertFalse(a.matches(bytes("abd")));
    }

    private static void assertBad(String text, String fragment) {
        FormatException e = assertThrows(FormatException.class, () -> BlobRef.parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
