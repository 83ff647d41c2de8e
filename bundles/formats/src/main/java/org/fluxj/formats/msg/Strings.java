package org.fluxj.formats.msg;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.fluxj.formats.FormatException;

/** UTF-8 and C-string helpers for message frames. */
final class Strings {
    private Strings() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses a string that cannot travel as a C string frame: one with a NUL, or one that does not encode to
     * UTF-8 and back (an unpaired surrogate).
     */
    static String checkCString(String s, String what) {
        if (s == null) {
            throw new NullPointerException(what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " contains a NUL character");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(what + " contains an unpaired surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate");
            }
        }
        return s;
    }

    /**
     * Strict UTF-8 check of buf[off, off+len) without keeping the text: a 100 MB value's payload
     * is read by the JSON parser from its bytes, not decoded to a String first.
     */
    static void checkUtf8(byte[] buf, int off, int len, String what) throws FormatException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(buf, off, len);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult r;
        do {
            out.clear();
            r = dec.decode(in, out, true);
        } while (r.isOverflow());
        if (r.isError() || dec.flush(out).isError()) {
            throw new FormatException("message: " + what + " is not valid UTF-8");
        }
    }

    /** Index of the first NUL in buf[off, off+len), or off+len if none. */
    static int cStringEnd(byte[] buf, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return end;
    }

    /** Strict UTF-8 decoding; {@code what} names the text in the error. */
    static String decodeUtf8(byte[] buf, int off, int len, String what) throws FormatException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(buf, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("message: " + what + " is not valid UTF-8");
        }
    }

    /** A frame read as flux-core reads it (strndup: up to the first NUL), then decoded as UTF-8. */
    static String decodeCString(byte[] buf, int off, int len, String what) throws FormatException {
        int end = cStringEnd(buf, off, len);
        return decodeUtf8(buf, off, end - off, what);
    }
}
