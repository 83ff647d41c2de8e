package org.fluxj.content.sqlite;

/**
 * LZ4 block decompression, enough to read the objects flux-core's content-sqlite compressed
 * (blobs of 256 bytes and more are stored with {@code LZ4_compress_default}; the {@code size}
 * column then holds the uncompressed size instead of -1). fluxj itself stores blobs as they are.
 */
final class Lz4 {
    private Lz4() {
    }

    /** Decompresses an LZ4 block that must expand to exactly {@code size} bytes. */
    static byte[] decompress(byte[] src, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative uncompressed size " + size);
        }
        byte[] dst = new byte[size];
        int sp = 0;
        int dp = 0;
        try {
            while (true) {
                int token = src[sp++] & 0xff;
                int literals = token >>> 4;
                if (literals == 15) {
                    int b;
                    do {
                        b = src[sp++] & 0xff;
                        literals += b;
                    } while (b == 255);
                }
                System.arraycopy(src, sp, dst, dp, literals);
                sp += literals;
                dp += literals;
                if (sp == src.length) {
                    break; // the last sequence is literals only
                }
                int offset = (src[sp] & 0xff) | (src[sp + 1] & 0xff) << 8;
                sp += 2;
                if (offset == 0 || offset > dp) {
                    throw new IllegalArgumentException("LZ4 match offset " + offset + " out of range");
                }
                int match = token & 15;
                if (match == 15) {
                    int b;
                    do {
                        b = src[sp++] & 0xff;
                        match += b;
                    } while (b == 255);
                }
                match += 4;
                if (dp + match > size) {
                    throw new IllegalArgumentException("LZ4 block expands past " + size + " bytes");
                }
                for (int i = 0; i < match; i++, dp++) {
                    dst[dp] = dst[dp - offset]; // may overlap
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("LZ4 block is truncated or expands past " + size + " bytes");
        }
        if (dp != size) {
            throw new IllegalArgumentException("LZ4 block expands to " + dp + " bytes, expected " + size);
        }
        return dst;
    }
}
