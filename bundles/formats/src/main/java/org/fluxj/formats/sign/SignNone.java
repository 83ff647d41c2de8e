package org.fluxj.formats.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fluxj.formats.FormatException;

/**
 * The {@code none} signing mechanism of RFC 12: {@code HEADER.PAYLOAD.none}, each part base64;
 * the header is NUL-separated key/value words ({@code version i1}, {@code userid iUID},
 * {@code mechanism snone}), each value prefixed by its type letter, as flux-core encodes it.
 */
public final class SignNone {
    private SignNone() {
    }

    /** What a signed request holds: who signed it, and the payload. */
    public record Unwrapped(long userid, byte[] payload) {
    }

    /** Signs {@code payload} as {@code userid}. */
    public static String wrap(byte[] payload, long userid) {
        String header = "version\0i1\0userid\0i" + userid + "\0mechanism\0snone\0";
        Base64.Encoder b64 = Base64.getEncoder();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload)
                + ".none";
    }

    /** Reads a request signed with mechanism none. */
    public static Unwrapped unwrap(String signed) throws FormatException {
        String[] parts = signed.split("\\.", -1);
        if (parts.length != 3) {
            throw new FormatException("sign-none: expected HEADER.PAYLOAD.SIGNATURE, got " + parts.length + " part(s)");
        }
        if (!parts[2].equals("none")) {
            throw new FormatException("sign-none: unknown signature '" + FormatException.printable(parts[2]) + "'");
        }
        long userid = header(decode(parts[0], "header"));
        return new Unwrapped(userid, decode(parts[1], "payload"));
    }

    private static byte[] decode(String part, String what) throws FormatException {
        try {
            return Base64.getDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new FormatException("sign-none: " + what + " is not base64");
        }
    }

    private static long header(byte[] bytes) throws FormatException {
        String[] words = new String(bytes, StandardCharsets.UTF_8).split("\0", -1);
        // the encoding ends each word with NUL, so the last piece is empty
        int n = words.length - 1;
        if (n < 0 || !words[n].isEmpty() || n % 2 != 0) {
            throw new FormatException("sign-none: malformed header");
        }
        String version = null;
        String mechanism = null;
        String userid = null;
        for (int i = 0; i < n; i += 2) {
            switch (words[i]) {
                case "version" -> version = words[i + 1];
                case "mechanism" -> mechanism = words[i + 1];
                case "userid" -> userid = words[i + 1];
                default -> throw new FormatException("sign-none: unknown header key '"
                        + FormatException.printable(words[i]) + "'");
            }
        }
        if (!"i1".equals(version) || !"snone".equals(mechanism) || userid == null
                || !userid.matches("i[0-9]{1,10}")) {
            throw new FormatException("sign-none: malformed header");
        }
        long uid = Long.parseLong(userid.substring(1));
        if (uid > 0xffffffffL) {
            throw new FormatException("sign-none: userid out of range");
        }
        return uid;
    }
}
