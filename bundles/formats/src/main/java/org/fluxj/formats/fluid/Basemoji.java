package org.fluxj.formats.fluid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/** RFC 19 emoji encoding: base 576 over the basemoji table, most significant digit first. */
final class Basemoji {
    private static final int RADIX = 576;
    private static final byte[][] UTF8 = new byte[RADIX][];

    static {
        for (int i = 0; i < RADIX; i++) {
            UTF8[i] = Tables.EMOJI[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    private Basemoji() {
    }

    static String encode(long id) {
        if (id == 0) {
            return Tables.EMOJI[0];
        }
        ArrayDeque<String> digits = new ArrayDeque<>();
        for (long v = id; v != 0; v = Long.divideUnsigned(v, RADIX)) {
            digits.push(Tables.EMOJI[(int) Long.remainderUnsigned(v, RADIX)]);
        }
        return String.join("", digits);
    }

    /** True if the UTF-8 form looks like basemoji: 1 to 7 four-byte groups starting F0 9F. */
    static boolean looksLike(String s) {
        return looksLike(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean looksLike(byte[] b) {
        return b.length >= 4 && b.length <= 28 && b.length % 4 == 0
                && (b[0] & 0xff) == 0xf0 && (b[1] & 0xff) == 0x9f;
    }

    /** The id, or null if the string is not basemoji. Values past 64 bits wrap, as in flux-core. */
    static Long decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (!looksLike(b)) {
            return null;
        }
        long id = 0;
        long scale = 1;
        for (int i = b.length - 4; i >= 0; i -= 4) {
            int digit = lookup(Arrays.copyOfRange(b, i, i + 4));
            if (digit < 0) {
                return null;
            }
            id += digit * scale;
            scale *= RADIX;
        }
        return id;
    }

    private static int lookup(byte[] group) {
        for (int i = 0; i < RADIX; i++) {
            if (Arrays.equals(UTF8[i], group)) {
                return i;
            }
        }
        return -1;
    }
}
