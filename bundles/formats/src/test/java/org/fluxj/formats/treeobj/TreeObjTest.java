package org.fluxj.formats.treeobj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.fluxj.formats.treeobj.TreeObj.Dir;
import org.fluxj.formats.treeobj.TreeObj.DirRef;
import org.fluxj.formats.treeobj.TreeObj.Symlink;
import org.fluxj.formats.treeobj.TreeObj.Val;
import org.fluxj.formats.treeobj.TreeObj.ValRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from RFC 11, flux-core's libkvs/test/treeobj.c and t1000-kvs.t; malformed objects. */
class TreeObjTest {
    // treeobj.c's blobrefs[]
    static final String REF0 = "sha1-508259c0f7fd50e47716b50ad1f0fc6ed46017f9";
    static final String REF1 = "sha1-ded5ba42480fe75dcebba1ce068489ff7be2186a";

    @Test
    void encodesWithSortedKeysAsTreeobjEncode() throws FormatException {
        assertEquals("{\"data\":{},\"type\":\"dir\",\"ver\":1}", Dir.empty().encode());
        // 32 bytes of 'x' (treeobj.c test_val)
        byte[] xs = new byte[32];
        Arrays.fill(xs, (byte) 'x');
        assertEquals("{\"data\":\"eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg=\",\"type\":\"val\",\"ver\":1}", new Val(xs).encode());
        assertEquals("{\"data\":\"\",\"type\":\"val\",\"ver\":1}", new Val(new byte[0]).encode());
        assertEquals("{\"data\":[\"" + REF0 + "\",\"" + REF1 + "\"],\"type\":\"valref\",\"ver\":1}",
                new ValRef(BlobRef.parse(REF0)).append(BlobRef.parse(REF1)).encode());
        assertEquals("{\"data\":[\"" + REF0 + "\"],\"type\":\"dirref\",\"ver\":1}", new DirRef(BlobRef.parse(REF0)).encode());
        assertEquals("{\"data\":{\"target\":\"a.b.c\"},\"type\":\"symlink\",\"ver\":1}", new Symlink("a.b.c").encode());
        assertEquals("{\"data\":{\"namespace\":\"ns\",\"target\":\"d.e.f\"},\"type\":\"symlink\",\"ver\":1}",
                Symlink.of("ns", "d.e.f").encode());
        Dir d = Dir.empty().with("foo", Val.of("foo\0")).with("bar", Val.of("42\0")).with("nil", new Val(new byte[0]));
        assertEquals("{\"data\":{\"bar\":{\"data\":\"NDIA\",\"type\":\"val\",\"ver\":1},"
                + "\"foo\":{\"data\":\"Zm9vAA==\",\"type\":\"val\",\"ver\":1},"
                + "\"nil\":{\"data\":\"\",\"type\":\"val\",\"ver\":1}},\"type\":\"dir\",\"ver\":1}", d.encode());
    }

    @Test
    void theEmptyDirectoryHashesAsFluxCoresEmptyRoot() {
        // sha1 of {"data":{},"type":"dir","ver":1}
        assertEquals("sha1-c0a9faf907dda6216fd73bf81d0b3b21a1a8cb91", Dir.empty().blobRef(Algorithm.SHA1).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 11 examples (trailing commas and placeholders made valid)
        "{ \"ver\":1, \"type\":\"val\", \"data\":\"NDIyCg==\" }|{\"data\":\"NDIyCg==\",\"type\":\"val\",\"ver\":1}",
        "{\"ver\":1,\"type\":\"symlink\",\"data\":{\"target\":\"a.a\"}}|{\"data\":{\"target\":\"a.a\"},\"type\":\"symlink\",\"ver\":1}",
        "{\"ver\":1,\"type\":\"symlink\",\"data\":{\"namespace\":\"a\",\"target\":\"b.b\"}}|{\"data\":{\"namespace\":\"a\",\"target\":\"b.b\"},\"type\":\"symlink\",\"ver\":1}",
        // t1000-kvs.t put --treeobj
        "{\"data\":\"YgA=\",\"type\":\"val\",\"ver\":1}|{\"data\":\"YgA=\",\"type\":\"val\",\"ver\":1}",
        "{\"data\":[\"sha1-d8cc4fd0a57d0e0e96cdb3e74164f734c593ed65\"],\"type\":\"valref\",\"ver\":1}|{\"data\":[\"sha1-d8cc4fd0a57d0e0e96cdb3e74164f734c593ed65\"],\"type\":\"valref\",\"ver\":1}",
        // keys in any order come out sorted; white space goes
        "{\"type\":\"dir\",\"data\":{\"z\":{\"ver\":1,\"data\":\"\",\"type\":\"val\"},\"a\":{\"type\":\"dirref\",\"ver\":1,\"data\":[\"sha1-508259c0f7fd50e47716b50ad1f0fc6ed46017f9\"]}},\"ver\":1}"
                + "|{\"data\":{\"a\":{\"data\":[\"sha1-508259c0f7fd50e47716b50ad1f0fc6ed46017f9\"],\"type\":\"dirref\",\"ver\":1},\"z\":{\"data\":\"\",\"type\":\"val\",\"ver\":1}},\"type\":\"dir\",\"ver\":1}",
    })
    void decodesAndReencodes(String text, String encoded) throws FormatException {
        TreeObj o = TreeObj.decode(text);
        assertEquals(encoded, o.encode());
        assertEquals(o, TreeObj.decode(o.encodeBytes()));
        assertEquals(o, TreeObj.fromJson(o.toJson()));
    }

    @Test
    void rfcDirExampleDecodes() throws FormatException {
        TreeObj o = TreeObj.decode("{ \"ver\":1, \"type\":\"dir\", \"data\":{"
                + "\"a\":{\"ver\":1,\"type\":\"dirref\",\"data\":[\"" + REF0 + "\"]},"
                + "\"b\":{\"ver\":1,\"type\":\"val\",\"data\":\"NDIyCg==\"},"
                + "\"c\":{\"ver\":1,\"type\":\"valref\",\"data\":[\"" + REF0 + "\",\"" + REF1 + "\"]},"
                + "\"d\":{\"ver\":1,\"type\":\"dir\",\"data\":{}}}}");
        Dir d = assertInstanceOf(Dir.class, o);
        assertEquals(4, d.count());
        assertEquals("422\n", new String(((Val) d.get("b").orElseThrow()).data(), StandardCharsets.UTF_8));
        assertEquals(2, d.get("c").orElseThrow().count());
        assertEquals(Dir.empty(), d.get("d").orElseThrow());
        assertEquals(Optional.empty(), d.get("e"));
    }

    @Test
    void valrefOfABufferIsCutAsTreeobjCreateValrefBuf() {
        byte[] buf = new byte[1024];
        Arrays.fill(buf, (byte) 'L');
        ValRef v = ValRef.ofBuffer(Algorithm.SHA1, 256, buf);
        assertEquals(4, v.count());
        assertEquals(1, v.refs().stream().distinct().count());
        assertEquals("sha1-445a9b44800f06e1822e5a172694207c8bed78ba", v.refs().get(0).toString());
        ValRef empty = ValRef.ofBuffer(Algorithm.SHA256, 0, new byte[0]);
        assertEquals(List.of(BlobRef.hash(Algorithm.SHA256, new byte[0])), empty.refs());
        assertEquals(2, ValRef.ofBuffer(Algorithm.SHA1, 1000, buf).count());
        assertEquals(1, ValRef.ofBuffer(Algorithm.SHA1, 0, buf).count());
    }

    @Test
    void countsAsTreeobjGetCount() throws FormatException {
        assertEquals(1, Val.of("a").count());
        assertEquals(1, new Symlink("a").count());
        assertEquals(0, Dir.empty().count());
        assertEquals(2, new DirRef(BlobRef.parse(REF0)).append(BlobRef.parse(REF1)).count());
    }

    @Test
    void dirUpdatesReturnNewDirs() throws FormatException {
        Val v1 = Val.of("foo");
        Val v2 = Val.of("42");
        Dir d = Dir.empty().with("foo", v1).with("bar", v1);
        assertEquals(2, d.count());
        Dir d2 = d.with("bar", v2);
        assertEquals(v1, d.get("bar").orElseThrow());
        assertEquals(v2, d2.get("bar").orElseThrow());
        Dir d3 = d2.without("bar");
        assertEquals(1, d3.count());
        assertSame(d3, d3.without("noexist"));
        assertEquals(0, Dir.empty().count());
        assertThrows(NullPointerException.class, () -> Dir.empty().with(null, v1));
        assertThrows(NullPointerException.class, () -> Dir.empty().with("a", null));
        assertThrows(UnsupportedOperationException.class, () -> d.entries().put("x", v1));
        // a large directory survives a round trip unchanged (treeobj.c test_codec)
        TreeMap<String, TreeObj> big = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            big.put(String.format("entry-%010d", i), new Symlink("a.b.c.d"));
        }
        Dir large = new Dir(big);
        String s = large.encode();
        assertEquals(s, TreeObj.decode(s).encode());
        assertEquals(large, TreeObj.decode(s));
    }

    @Test
    void valCopiesItsBytes() {
        byte[] b = {1, 2, 3};
        Val v = new Val(b);
        b[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, v.data());
        v.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, v.data());
        assertEquals(new Val(new byte[] {1, 2, 3}), v);
        assertNotEquals(new Val(new byte[] {1, 2}), v);
    }

    @Test
    void emptyRefListsCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new ValRef(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DirRef(List.of()));
        assertThrows(NullPointerException.class, () -> new Symlink(null));
    }

    @Test
    void keysSortByCodePointAsJanssonSortsUtf8() throws FormatException {
        // U+FF21 sorts before U+1F600 in UTF-8, though not in UTF-16
        Dir d = Dir.empty().with("\uD83D\uDE00", Val.of("")).with("\uFF21", Val.of("")).with("B", Val.of("")).with("a", Val.of(""));
        String s = d.encode();
        assertTrue(s.indexOf("\"B\"") < s.indexOf("\"a\"") && s.indexOf("\"a\"") < s.indexOf("\uFF21")
                && s.indexOf("\uFF21") < s.indexOf("\uD83D\uDE00"), s);
        assertEquals(d, TreeObj.decode(s));
    }

    @Test
    void escapesStringsAsJansson() throws FormatException {
        Symlink s = new Symlink("a\"b\\c\n\t\u0001\u007f/\u00e9");
        assertEquals("{\"data\":{\"target\":\"a\\\"b\\\\c\\n\\t\\u0001\u007f/\u00e9\"},\"type\":\"symlink\",\"ver\":1}", s.encode());
        assertEquals(s, TreeObj.decode(s.encode()));
        assertEquals("{\"data\":{\"\\u001F\\b\\f\\r\":{\"data\":\"\",\"type\":\"val\",\"ver\":1}},\"type\":\"dir\",\"ver\":1}",
                Dir.empty().with("\u001f\b\f\r", new Val(new byte[0])).encode());
    }

    @Test
    void acceptsUnpaddedBase64AsCcanDoes() throws FormatException {
        Val v = (Val) TreeObj.decode("{\"data\":\"NDIA\",\"type\":\"val\",\"ver\":1}");
        assertArrayEquals("42\0".getBytes(StandardCharsets.UTF_8), v.data());
        Val w = (Val) TreeObj.decode("{\"data\":\"Zm9v\",\"type\":\"val\",\"ver\":1}");
        assertEquals("foo", new String(w.data(), StandardCharsets.UTF_8));
        Val x = (Val) TreeObj.decode("{\"data\":\"Zm8\",\"type\":\"val\",\"ver\":1}");
        assertEquals("fo", new String(x.data(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // not JSON, not an object (t1000: put --treeobj xyz)
        "xyz|treeobj: invalid JSON",
        "''|treeobj: empty JSON document",
        "[1]|treeobj: expected a JSON object, got an array",
        "42|treeobj: expected a JSON object, got an integer",
        "{\"data\":\"\",\"type\":\"val\",\"ver\":1} {}|treeobj: invalid JSON",
        // the envelope ({s:i s:s s:o !})
        "{\"type\":\"val\",\"data\":\"\"}|treeobj: missing \"ver\"",
        "{\"ver\":1,\"data\":\"\"}|treeobj: missing \"type\"",
        "{\"ver\":1,\"type\":\"val\"}|treeobj: missing \"data\"",
        "{\"ver\":1,\"type\":\"val\",\"data\":\"\",\"extra\":0}|treeobj: unexpected key \"extra\"",
        "{\"ver\":2,\"type\":\"val\",\"data\":\"\"}|treeobj: unsupported version 2",
        "{\"ver\":0,\"type\":\"val\",\"data\":\"\"}|treeobj: unsupported version 0",
        "{\"ver\":1.0,\"type\":\"val\",\"data\":\"\"}|treeobj: \"ver\" must be an integer, got a real",
        "{\"ver\":\"1\",\"type\":\"val\",\"data\":\"\"}|treeobj: \"ver\" must be an integer, got a string",
        "{\"ver\":18446744073709551617,\"type\":\"val\",\"data\":\"\"}|treeobj: unsupported version 18446744073709551617",
        "{\"ver\":1,\"type\":5,\"data\":\"\"}|treeobj: \"type\" must be a string, got an integer",
        "{\"ver\":1,\"type\":\"val\",\"data\":\"\",\"ver\":1}|treeobj: invalid JSON",
        // types (t1000: unknown type FOO)
        "{\"data\":\"MQA=\",\"type\":\"FOO\",\"ver\":1}|treeobj: unknown type \"FOO\"",
        "{\"data\":{},\"type\":\"hdir\",\"ver\":1}|treeobj: type \"hdir\" is not implemented",
        // val
        "{\"data\":42,\"type\":\"val\",\"ver\":1}|treeobj: val data must be a base64 string, got an integer",
        "{\"data\":\"!!!!\",\"type\":\"val\",\"ver\":1}|treeobj: val data is not base64",
        "{\"data\":\"Zm9v=Zm9v\",\"type\":\"val\",\"ver\":1}|treeobj: val data is not base64",
        // valref and dirref (treeobj.c corner cases; t1000 bad ref data)
        "{\"data\":[],\"type\":\"valref\",\"ver\":1}|treeobj: valref data must hold at least one blobref",
        "{\"data\":[],\"type\":\"dirref\",\"ver\":1}|treeobj: dirref data must hold at least one blobref",
        "{\"data\":[\"sha1-foo\"],\"type\":\"valref\",\"ver\":1}|treeobj: valref: invalid blobref \"sha1-foo\"",
        "{\"data\":\"not-array\",\"type\":\"valref\",\"ver\":1}|treeobj: valref data must be an array of blobrefs, got a string",
        "{\"data\":\"sha1-4087718d190b373fb490b27873f61552d7f29dbe\",\"type\":\"dirref\",\"ver\":1}|treeobj: dirref data must be an array of blobrefs, got a string",
        "{\"data\":[42],\"type\":\"dirref\",\"ver\":1}|treeobj: dirref data must be an array of blobrefs, found an integer",
        // dir
        "{\"data\":42,\"type\":\"dir\",\"ver\":1}|treeobj: dir data must be an object, got an integer",
        "{\"data\":{\"a\":\"foo\"},\"type\":\"dir\",\"ver\":1}|treeobj: entry \"a\": expected a JSON object, got a string",
        "{\"data\":{\"a\":{\"data\":{\"b\":{\"data\":1,\"type\":\"val\",\"ver\":1}},\"type\":\"dir\",\"ver\":1}},\"type\":\"dir\",\"ver\":1}|treeobj: entry \"a.b\": val data must be a base64 string",
        // symlink (t1000: bad link data)
        "{\"data\":42,\"type\":\"symlink\",\"ver\":1}|treeobj: symlink data must be an object, got an integer",
        "{\"data\":{},\"type\":\"symlink\",\"ver\":1}|treeobj: symlink target must be a string, got nothing",
        "{\"data\":{\"target\":1},\"type\":\"symlink\",\"ver\":1}|treeobj: symlink target must be a string, got an integer",
        "{\"data\":{\"target\":\"a\",\"namespace\":null},\"type\":\"symlink\",\"ver\":1}|treeobj: symlink namespace must be a string, got null",
        "{\"data\":{\"target\":\"a\",\"x\":\"y\"},\"type\":\"symlink\",\"ver\":1}|treeobj: unexpected symlink key \"x\"",
    })
    void refusesMalformedObjects(String text, String message) {
        FormatException e = assertThrows(FormatException.class, () -> TreeObj.decode(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertThrows(FormatException.class, () -> TreeObj.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesMissingAndBinaryInput() throws FormatException {
        assertThrows(FormatException.class, () -> TreeObj.decode((String) null));
        assertThrows(FormatException.class, () -> TreeObj.decode((byte[]) null));
        assertThrows(FormatException.class, () -> TreeObj.fromJson(null));
        assertThrows(FormatException.class, () -> TreeObj.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0}));
        assertThrows(FormatException.class, () -> TreeObj.fromJson(Json.parse("null", "doc")));
        FormatException deep = assertThrows(FormatException.class, () -> TreeObj.decode("[".repeat(100000)));
        // refused naming the limit reading applies (JsonLimits), as any JSON too deep is
        assertTrue(deep.getMessage().startsWith("treeobj: JSON nesting depth 2049 exceeds the nesting-depth limit"),
                deep.getMessage());
    }

    /** A val's JSON is built directly: the same tree as its text parsed, number types included. */
    @Test
    void aValsJsonIsItsTextParsed() throws FormatException {
        TreeObj.Val v = new TreeObj.Val(new byte[] {0, 1, 2, (byte) 0xff, 'x'});
        assertEquals(Json.parse(v.encode(), "treeobj"), v.toJson());
        assertEquals(v.encode(), Json.encode(v.toJson()));
    }
}
