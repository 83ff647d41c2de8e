package org.fluxj.formats.curve;

import java.util.Arrays;

/**
 * Z85 (ZeroMQ RFC 32): four bytes as five printable characters, big-endian base 85. CURVE keys are
 * 32 bytes, 40 characters. Pure JDK, so the {@code flux} command can use it without JeroMQ.
 */
public final class Z85 {
    private static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final byte[] DECODE = new byte[128];

    static {
        Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DECODE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes bytes whose count is a multiple of 4.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85: input length " + data.length + " is not a multiple of 4");
        }
        char[] out = new char[data.length / 4 * 5];
        int o = 0;
        for (int i = 0; i < data.length; i += 4) {
            long v = ((data[i] & 0xffL) << 24) | ((data[i + 1] & 0xffL) << 16) | ((data[i + 2] & 0xffL) << 8)
                    | (data[i + 3] & 0xffL);
            for (int k = 4; k >= 0; k--) {
                out[o + k] = ALPHABET.charAt((int) (v % 85));
                v /= 85;
            }
            o += 5;
        }
        return new String(out);
    }

    /**
     * Decodes text whose length is a multiple of 5, or returns null if it is not valid Z85 (wrong length,
     * a character outside the alphabet, a group above 2^32-1).
     */
    public static byte[] decode(String text) {
        if (text.length() % 5 != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 5 * 4];
        int o = 0;
        for (int i = 0; i < text.length(); i += 5) {
            long v = 0;
            for (int k = 0; k < 5; k++) {
                char c = text.charAt(i + k);
                int d = c < 128 ? DECODE[c] : -1;
                if (d < 0) {
                    return null;
                }
                v = v * 85 + d;
            }
            if (v > 0xffffffffL) {
                return null;
            }
            out[o++] = (byte) (v >>> 24);
            out[o++] = (byte) (v >>> 16);
            out[o++] = (byte) (v >>> 8);
            out[o++] = (byte) v;
        }
        return out;
    }
}
