package org.fluxj.formats.treeobj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.json.JsonLimits;

/**
 * A KVS tree object (RFC 11): a JSON object {@code {"ver":1,"type":T,"data":D}} of one of the
 * types {@code val}, {@code valref}, {@code dir}, {@code dirref} and {@code symlink}
 * ({@code hdir} is specified but, as in flux-core, not implemented). Tree objects are immutable
 * values; {@link #encode()} gives the exact text flux-core's {@code treeobj_encode} gives (compact,
 * keys sorted), which is what a tree object stored in the content store hashes to.
 */
public sealed interface TreeObj permits TreeObj.Val, TreeObj.BlobRefs, TreeObj.Dir, TreeObj.Symlink {

    /** The only version of the format. */
    int VERSION = 1;

    /** The type name: {@code val}, {@code valref}, {@code dir}, {@code dirref} or {@code symlink}. */
    String type();

    /** As {@code treeobj_get_count}: blobrefs of a valref/dirref, entries of a dir, else 1. */
    int count();

    /** Appends this object's {@code data} member as sorted compact JSON. */
    void writeData(StringBuilder b);

    /**
     * The JSON text, as {@code treeobj_encode}: compact, keys sorted ({@code data}, {@code type},
     * {@code ver}). An object no reader would read back (a name or string over {@link JsonLimits})
     * is refused with a {@code JsonLimitException} naming the limit.
     */
    default String encode() {
        StringBuilder b = new StringBuilder(64);
        write(this, b);
        return b.toString();
    }

    /** {@link #encode()} as UTF-8: the bytes stored in the content store for this object. */
    default byte[] encodeBytes() {
        return encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The blobref of {@link #encodeBytes()}. */
    default BlobRef blobRef(BlobRef.Algorithm algorithm) {
        return BlobRef.hash(algorithm, encodeBytes());
    }

    /** This object as a Jackson tree (for embedding in a payload). */
    default ObjectNode toJson() {
        try {
            return (ObjectNode) Json.parse(encode(), "treeobj");
        } catch (FormatException e) {
            throw new IllegalStateException("tree object text did not parse", e);
        }
    }

    // ---------------------------------------------------------------- parsing

    /** Parses and validates JSON text ({@code treeobj_decode}). */
    static TreeObj decode(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("treeobj: missing");
        }
        return fromJson(parseJson(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses and validates UTF-8 JSON ({@code treeobj_decodeb}), e.g. a blob from the content store. */
    static TreeObj decode(byte[] utf8) throws FormatException {
        if (utf8 == null) {
            throw new FormatException("treeobj: missing");
        }
        return fromJson(parseJson(utf8));
    }

    /** Validates a parsed JSON value as a tree object ({@code treeobj_validate}) and converts it. */
    static TreeObj fromJson(JsonNode node) throws FormatException {
        return TreeObjParser.parse(node, "");
    }

    private static JsonNode parseJson(byte[] utf8) throws FormatException {
        return Json.parse(utf8, "treeobj");
    }

    private static void write(TreeObj o, StringBuilder b) {
        b.append("{\"data\":");
        o.writeData(b);
        b.append(",\"type\":\"").append(o.type()).append("\",\"ver\":").append(VERSION).append('}');
    }

    // ---------------------------------------------------------------- the types

    /** Opaque data stored directly, base64-encoded in the object. */
    final class Val implements TreeObj {
        private final byte[] data;

        public Val(byte[] data) {
            this.data = data.clone();
        }

        /** The value of a UTF-8 string. */
        public static Val of(String s) {
            return new Val(s.getBytes(StandardCharsets.UTF_8));
        }

        public byte[] data() {
            return data.clone();
        }

        public int length() {
            return data.length;
        }

        @Override
        public String type() {
            return "val";
        }

        @Override
        public int count() {
            return 1;
        }

        @Override
        public void writeData(StringBuilder b) {
            JsonLimits.checkStringLength((data.length + 2L) / 3 * 4);
            b.append('"').append(Base64.getEncoder().encodeToString(data)).append('"');
        }

        /** Built directly, not parsed back from {@link #encode()}: a 100 MB value's text is 134 M characters. */
        @Override
        public ObjectNode toJson() {
            JsonLimits.checkStringLength((data.length + 2L) / 3 * 4);
            ObjectNode o = Json.object(); // members in treeobj_encode's order; ver as Json.parse makes it
            o.put("data", Base64.getEncoder().encodeToString(data));
            o.put("type", type());
            o.put("ver", BigInteger.valueOf(VERSION));
            return o;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Val v && Arrays.equals(data, v.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return encode();
        }
    }

    /** Opaque data in the content store: the concatenation of the blobs named (at least one). */
    record ValRef(List<BlobRef> refs) implements BlobRefs {
        public ValRef {
            refs = List.copyOf(refs);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("a valref needs at least one blobref");
            }
        }

        public ValRef(BlobRef ref) {
            this(List.of(ref));
        }

        /**
         * The valref of {@code data} cut into blobs of at most {@code maxBlob} bytes (no limit if
         * {@code maxBlob <= 0}), as {@code treeobj_create_valref_buf}; empty data is one empty blob.
         */
        public static ValRef ofBuffer(BlobRef.Algorithm algorithm, int maxBlob, byte[] data) {
            List<BlobRef> refs = new ArrayList<>();
            int offset = 0;
            do {
                int len = data.length - offset;
                if (maxBlob > 0 && len > maxBlob) {
                    len = maxBlob;
                }
                refs.add(BlobRef.hash(algorithm, data, offset, len));
                offset += len;
            } while (offset < data.length);
            return new ValRef(refs);
        }

        /** This valref with {@code ref} appended ({@code treeobj_append_blobref}). */
        public ValRef append(BlobRef ref) {
            return new ValRef(BlobRefs.plus(refs, ref));
        }

        @Override
        public String type() {
            return "valref";
        }

        @Override
        public String toString() {
            return encode();
        }
    }

    /** A serialized {@code dir} in the content store (RFC 11 allows several blobrefs; flux-core writes one). */
    record DirRef(List<BlobRef> refs) implements BlobRefs {
        public DirRef {
            refs = List.copyOf(refs);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("a dirref needs at least one blobref");
            }
        }

        public DirRef(BlobRef ref) {
            this(List.of(ref));
        }

        public DirRef append(BlobRef ref) {
            return new DirRef(BlobRefs.plus(refs, ref));
        }

        @Override
        public String type() {
            return "dirref";
        }

        @Override
        public String toString() {
            return encode();
        }
    }

    /** A directory: names mapped to tree objects. Updates return a new directory. */
    record Dir(SortedMap<String, TreeObj> entries) implements TreeObj {
        private static final Dir EMPTY = new Dir(new TreeMap<>());

        public Dir {
            TreeMap<String, TreeObj> copy = new TreeMap<>(SortedJson.KEY_ORDER);
            for (Map.Entry<String, TreeObj> e : entries.entrySet()) {
                copy.put(Objects.requireNonNull(e.getKey(), "name"), Objects.requireNonNull(e.getValue(), "entry"));
            }
            entries = Collections.unmodifiableSortedMap(copy);
        }

        public static Dir empty() {
            return EMPTY;
        }

        /** The entry called {@code name}, if any. */
        public Optional<TreeObj> get(String name) {
            return Optional.ofNullable(entries.get(name));
        }

        /** This directory with {@code name} set to {@code entry} ({@code treeobj_insert_entry}). */
        public Dir with(String name, TreeObj entry) {
            TreeMap<String, TreeObj> copy = new TreeMap<>(entries);
            copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(entry, "entry"));
            return new Dir(copy);
        }

        /** This directory without {@code name} ({@code treeobj_delete_entry}); itself if absent. */
        public Dir without(String name) {
            if (!entries.containsKey(name)) {
                return this;
            }
            TreeMap<String, TreeObj> copy = new TreeMap<>(entries);
            copy.remove(name);
            return new Dir(copy);
        }

        @Override
        public String type() {
            return "dir";
        }

        @Override
        public int count() {
            return entries.size();
        }

        @Override
        public void writeData(StringBuilder b) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, TreeObj> e : entries.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                JsonLimits.checkName(e.getKey());
                JanssonText.appendString(b, e.getKey());
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        }

        @Override
        public String toString() {
            return encode();
        }
    }

    /** A pointer to another key, optionally in another namespace. */
    record Symlink(Optional<String> namespace, String target) implements TreeObj {
        public Symlink {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(target, "target");
        }

        /** A symlink to {@code target} in the current namespace. */
        public Symlink(String target) {
            this(Optional.empty(), target);
        }

        /** A symlink to {@code target} in {@code namespace} (none if null). */
        public static Symlink of(String namespace, String target) {
            return new Symlink(Optional.ofNullable(namespace), target);
        }

        @Override
        public String type() {
            return "symlink";
        }

        @Override
        public int count() {
            return 1;
        }

        @Override
        public void writeData(StringBuilder b) {
            b.append('{');
            if (namespace.isPresent()) {
                b.append("\"namespace\":");
                JanssonText.appendString(b, namespace.get());
                b.append(',');
            }
            b.append("\"target\":");
            JsonLimits.checkString(target);
            JanssonText.appendString(b, target);
            b.append('}');
        }

        @Override
        public String toString() {
            return encode();
        }
    }

    /** A valref or a dirref: an object made of blobrefs, its data their array. */
    sealed interface BlobRefs extends TreeObj permits ValRef, DirRef {
        List<BlobRef> refs();

        @Override
        default int count() {
            return refs().size();
        }

        @Override
        default void writeData(StringBuilder b) {
            b.append('[');
            for (int i = 0; i < refs().size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append('"').append(refs().get(i)).append('"');
            }
            b.append(']');
        }

        private static List<BlobRef> plus(List<BlobRef> refs, BlobRef ref) {
            List<BlobRef> more = new ArrayList<>(refs);
            more.add(ref);
            return more;
        }
    }
}
