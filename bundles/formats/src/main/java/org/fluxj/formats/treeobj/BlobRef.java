package org.fluxj.formats.treeobj;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.fluxj.formats.FormatException;

/**
 * The address of a blob in the content store (RFC 10): a hash algorithm name, a hyphen and the
 * digest of the blob's raw bytes as lower-case hex ({@code sha1-f1d2d2f9...}). As flux-core's
 * {@code blobref.c}: only {@code sha1} and {@code sha256}, and upper-case hex is refused.
 */
public final class BlobRef implements Comparable<BlobRef> {

    /**
     * flux-core's BLOBREF_MAX_STRING_SIZE: the longest blobref text plus its NUL. The KVS keeps a
     * value inline in its directory (a {@code val}) below this size and stores it as a blob above.
     */
    public static final int MAX_STRING_SIZE = 72;

    /** The hash algorithms a Flux instance may choose for {@code content.hash}. */
    public enum Algorithm {
        SHA1("sha1", 20, "SHA-1"),
        SHA256("sha256", 32, "SHA-256");

        private final String fluxName;
        private final int digestLength;
        private final ThreadLocal<MessageDigest> digests;

        Algorithm(String fluxName, int digestLength, String javaName) {
            this.fluxName = fluxName;
            this.digestLength = digestLength;
            this.digests = ThreadLocal.withInitial(() -> {
                try {
                    return MessageDigest.getInstance(javaName);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(javaName + " is missing from this JVM", e);
                }
            });
        }

        /** The name Flux gives it ({@code sha1}, {@code sha256}). */
        public String fluxName() {
            return fluxName;
        }

        /** The length of its digest in bytes. */
        public int digestLength() {
            return digestLength;
        }

        /** The algorithm of a {@code content.hash} value. */
        public static Algorithm byName(String name) throws FormatException {
            for (Algorithm a : values()) {
                if (a.fluxName.equals(name)) {
                    return a;
                }
            }
            throw new FormatException("unknown hash algorithm " + quote(name) + " (expected sha1 or sha256)");
        }

        byte[] digest(byte[] data, int offset, int length) {
            MessageDigest md = digests.get();
            md.reset();
            md.update(data, offset, length);
            return md.digest();
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final Algorithm algorithm;
    private final byte[] digest;
    private final String text;

    private BlobRef(Algorithm algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
        this.text = algorithm.fluxName + "-" + HEX.formatHex(digest);
    }

    /** The blobref of {@code data}: the digest of its raw bytes. */
    public static BlobRef hash(Algorithm algorithm, byte[] data) {
        return hash(algorithm, data, 0, data.length);
    }

    /** The blobref of {@code length} bytes of {@code data} from {@code offset}. */
    public static BlobRef hash(Algorithm algorithm, byte[] data, int offset, int length) {
        return new BlobRef(algorithm, algorithm.digest(data, offset, length));
    }

    /** A blobref from a raw digest, as RFC 10 load and store messages carry it. */
    public static BlobRef ofDigest(Algorithm algorithm, byte[] digest) throws FormatException {
        if (digest == null || digest.length != algorithm.digestLength) {
            throw new FormatException(algorithm.fluxName + " digest must be " + algorithm.digestLength
                    + " bytes, got " + (digest == null ? 0 : digest.length));
        }
        return new BlobRef(algorithm, digest.clone());
    }

    /** Parses {@code sha1-<40 hex>} or {@code sha256-<64 hex>}; anything else is refused. */
    public static BlobRef parse(String text) throws FormatException {
        if (text == null) {
            throw new FormatException("invalid blobref: missing");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new FormatException("invalid blobref " + quote(text) + ": expected <hash>-<hex digest>");
        }
        Algorithm algorithm = null;
        String name = text.substring(0, dash);
        for (Algorithm a : Algorithm.values()) {
            if (a.fluxName.equals(name)) {
                algorithm = a;
            }
        }
        if (algorithm == null) {
            throw new FormatException("invalid blobref " + quote(text) + ": unknown hash algorithm " + quote(name));
        }
        int hexLength = text.length() - dash - 1;
        if (hexLength != 2 * algorithm.digestLength) {
            throw new FormatException("invalid blobref " + quote(text) + ": " + name + " digest must be "
                    + 2 * algorithm.digestLength + " hex digits, got " + hexLength);
        }
        byte[] digest = new byte[algorithm.digestLength];
        for (int i = 0; i < digest.length; i++) {
            int hi = lowerHex(text.charAt(dash + 1 + 2 * i));
            int lo = lowerHex(text.charAt(dash + 2 + 2 * i));
            if (hi < 0 || lo < 0) {
                throw new FormatException("invalid blobref " + quote(text) + ": digest is not lower-case hex");
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        return new BlobRef(algorithm, digest);
    }

    /** Whether {@code text} is a valid blobref ({@code blobref_validate}). */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    private static int lowerHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The raw digest (a copy). */
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether {@code data} hashes to this blobref. */
    public boolean matches(byte[] data) {
        return MessageDigest.isEqual(digest, algorithm.digest(data, 0, data.length));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobRef other && algorithm == other.algorithm && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        // the digest is already uniformly distributed
        return (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff);
    }

    @Override
    public int compareTo(BlobRef o) {
        return text.compareTo(o.text);
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
