package org.fluxj.formats.treeobj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** Round trips of generated tree objects and blobrefs. */
class TreeObjPropertiesTest {

    @Provide
    Arbitrary<BlobRef> blobRefs() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .flatMap(b -> Arbitraries.of(Algorithm.values()).map(a -> BlobRef.hash(a, b)));
    }

    @Provide
    Arbitrary<TreeObj> treeObjs() {
        return Arbitraries.lazyOf(this::leaf, this::leaf, this::leaf, this::dir);
    }

    private Arbitrary<TreeObj> leaf() {
        Arbitrary<TreeObj> val = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(TreeObj.Val::new);
        Arbitrary<List<BlobRef>> refs = blobRefs().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<TreeObj> valref = refs.map(TreeObj.ValRef::new);
        Arbitrary<TreeObj> dirref = refs.map(TreeObj.DirRef::new);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<TreeObj> symlink = Arbitraries.oneOf(
                text.map(TreeObj.Symlink::new),
                text.flatMap(ns -> text.map(t -> TreeObj.Symlink.of(ns, t))));
        return Arbitraries.oneOf(val, valref, dirref, symlink);
    }

    private Arbitrary<TreeObj> dir() {
        Arbitrary<Map<String, TreeObj>> entries = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), treeObjs()).ofMaxSize(4);
        return entries.map(m -> new TreeObj.Dir(new TreeMap<>(m)));
    }

    @Property
    void decodeOfEncodeIsTheSameObject(@ForAll("treeObjs") TreeObj o) throws FormatException {
        String text = o.encode();
        TreeObj back = TreeObj.decode(text);
        assertEquals(o, back);
        assertEquals(text, back.encode());
        assertEquals(o, TreeObj.decode(o.encodeBytes()));
    }

    @Property
    void encodingIsJacksonCompactJsonWithSortedKeys(@ForAll("treeObjs") TreeObj o) throws FormatException {
        // the same tree through Jackson, keys sorted by code point, must be the same text minus escaping style
        JsonNode viaJackson = Json.parse(o.encode(), "treeobj");
        assertEquals(viaJackson, o.toJson());
        assertEquals(o, TreeObj.fromJson(viaJackson));
    }

    @Property
    void blobRefsRoundTrip(@ForAll("blobRefs") BlobRef ref) throws FormatException {
        assertEquals(ref, BlobRef.parse(ref.toString()));
        assertEquals(ref, BlobRef.ofDigest(ref.algorithm(), ref.digest()));
    }
}
