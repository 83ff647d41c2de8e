package org.fluxj.formats.fluid;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mnemonicode (Oren Tirosh) for the 8 bytes of a FLUID taken in little-endian order, as
 * flux-core encodes the in-memory integer on x86: six words, format {@code x-x-x--x-x-x}.
 */
final class Mnemonic {
    private static final int BASE = 1626;
    private static final int WORDS = 1633;
    private static final int SIZE = 8;
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < Tables.WORDS.length; i++) {
            INDEX.put(Tables.WORDS[i], i + 1);
        }
    }

    private Mnemonic() {
    }

    static String encode(long id) {
        StringBuilder b = new StringBuilder(56);
        for (int n = 0; n < 6; n++) {
            if (n == 3) {
                b.append("--");
            } else if (n > 0) {
                b.append('-');
            }
            long x = (n < 3 ? id : id >>> 32) & 0xffffffffL;
            switch (n % 3) {
                case 1:
                    x /= BASE;
                    break;
                case 2:
                    x /= (long) BASE * BASE;
                    break;
                default:
                    break;
            }
            b.append(Tables.WORDS[(int) (x % BASE)]);
        }
        return b.toString();
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Decodes as mnemonicode's mn_decode does into an 8 byte buffer: words are runs of ASCII
     * letters (any case), everything else separates them, and decoding stops quietly at the
     * first unknown word. Returns null unless exactly 8 bytes were decoded.
     */
    static Long decode(String s) {
        long[] dest = new long[1];
        int[] offset = {0};
        int pos = 0;
        int n = s.length();
        while (true) {
            while (pos < n && !isAlpha(s.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < n && isAlpha(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                break;
            }
            Integer index = INDEX.get(s.substring(start, pos).toLowerCase(Locale.ROOT));
            if (index == null) {
                break;
            }
            decodeWord(index, dest, offset);
        }
        decodeWord(0, dest, offset);
        return offset[0] == SIZE ? dest[0] : null;
    }

    private static int byteAt(long v, int i) {
        return (int) (v >>> (8 * i)) & 0xff;
    }

    /** One step of mn_decode_word_index; index 0 signals the end. Errors go negative in offset. */
    private static void decodeWord(int index, long[] dest, int[] offset) {
        int off = offset[0];
        if (off < 0) {
            return;
        }
        if (index > WORDS || off > SIZE) {
            offset[0] = -1;
            return;
        }
        if (index > BASE && off % 4 != 2) {
            offset[0] = -1;
            return;
        }
        int group = off & ~3;
        long x = 0;
        for (int i = 0; i < 4; i++) {
            if (group + i < SIZE) {
                x |= (long) byteAt(dest[0], group + i) << (i * 8);
            }
        }
        if (index == 0) {
            if ((off % 4 == 2 && x > 0xffff) || (off % 4 == 1 && x > 0xff)) {
                offset[0] = -1;
            }
            return;
        }
        if (off == SIZE) {
            offset[0] = -1;
            return;
        }
        int value = index - 1;
        switch (off % 4) {
            case 3:
                offset[0] = -1;
                return;
            case 2:
                if (value >= BASE) {
                    x += (long) (value - BASE) * BASE * BASE;
                    off++;
                } else {
                    if (value >= 1625 || (value == 1624 && x > 1312671)) {
                        offset[0] = -1;
                        return;
                    }
                    x += (long) value * BASE * BASE;
                    off += 2;
                }
                break;
            case 1:
                x += (long) value * BASE;
                off++;
                break;
            default:
                x = value;
                off++;
                break;
        }
        offset[0] = off;
        long d = dest[0];
        for (int i = 0; i < 4; i++) {
            if (group + i < SIZE) {
                int shift = 8 * (group + i);
                d = (d & ~(0xffL << shift)) | ((x & 0xff) << shift);
                x >>>= 8;
            }
        }
        dest[0] = d;
    }
}
