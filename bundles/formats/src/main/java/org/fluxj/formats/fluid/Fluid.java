package org.fluxj.formats.fluid;

import org.fluxj.formats.FormatException;
import org.fluxj.formats.internal.CNumbers;

/**
 * FLUIDs (RFC 19): 64-bit ids laid out {@code [timestamp:40 | generator:14 | sequence:10]},
 * held in a Java {@code long} read as unsigned. Encoding, decoding and type detection behave
 * as flux-core's libutil/fluid.c, including its lenience (see {@link #parse(String)}).
 */
public final class Fluid {
    public static final int TIMESTAMP_BITS = 40;
    public static final int GENERATOR_BITS = 14;
    public static final int SEQUENCE_BITS = 10;
    /** Exclusive upper bound of generator ids. */
    public static final int MAX_GENERATORS = 1 << GENERATOR_BITS;
    /** Exclusive upper bound of timestamps. */
    public static final long MAX_TIMESTAMP = 1L << TIMESTAMP_BITS;

    private static final String F58_PREFIX = "\u0192";
    private static final String F58_ASCII_PREFIX = "f";
    private static final String B58_DIGITS = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int MAX_B58_LENGTH = 12;

    private Fluid() {
    }

    /** The id with these fields; each is masked to its width. */
    public static long of(long timestamp, int generator, int sequence) {
        return (timestamp << (GENERATOR_BITS + SEQUENCE_BITS))
                | ((long) (generator & (MAX_GENERATORS - 1)) << SEQUENCE_BITS)
                | (sequence & ((1 << SEQUENCE_BITS) - 1));
    }

    /** Milliseconds since the generator's epoch (fluid_get_timestamp). */
    public static long timestamp(long id) {
        return id >>> (GENERATOR_BITS + SEQUENCE_BITS);
    }

    public static int generator(long id) {
        return (int) (id >>> SEQUENCE_BITS) & (MAX_GENERATORS - 1);
    }

    public static int sequence(long id) {
        return (int) id & ((1 << SEQUENCE_BITS) - 1);
    }

    /**
     * Whether F58 output may use the {@code ƒ} prefix, as flux-core decides: the locale's
     * character set is UTF-8 and {@code FLUX_F58_FORCE_ASCII} is not set. The JVM reports the
     * locale's character set (from {@code nl_langinfo(CODESET)}) as {@code native.encoding}.
     */
    public static boolean utf8Locale() {
        String encoding = System.getProperty("native.encoding", "");
        return "UTF-8".equalsIgnoreCase(encoding) && System.getenv("FLUX_F58_FORCE_ASCII") == null;
    }

    /** Encodes as flux-core does, choosing the F58 prefix by {@link #utf8Locale()}. */
    public static String encode(long id, FluidEncoding encoding) {
        return encode(id, encoding, utf8Locale());
    }

    /**
     * Encodes in the given form; {@code utf8} chooses the {@code ƒ} F58 prefix over {@code f}
     * (it affects only {@link FluidEncoding#F58}).
     */
    public static String encode(long id, FluidEncoding encoding, boolean utf8) {
        switch (encoding) {
            case DEC:
                return Long.toUnsignedString(id);
            case HEX:
                return "0x" + Long.toHexString(id);
            case KVS:
                return "job." + dothex(id);
            case DOTHEX:
                return dothex(id);
            case WORDS:
                return Mnemonic.encode(id);
            case F58:
                return (utf8 ? F58_PREFIX : F58_ASCII_PREFIX) + base58(id);
            case F58PLAIN:
                return F58_ASCII_PREFIX + base58(id);
            case EMOJI:
                return Basemoji.encode(id);
            default:
                throw new IllegalArgumentException("FLUID: no encoding " + encoding);
        }
    }

    private static String dothex(long id) {
        return String.format("%04x.%04x.%04x.%04x",
                (id >>> 48) & 0xffff, (id >>> 32) & 0xffff, (id >>> 16) & 0xffff, id & 0xffff);
    }

    private static String base58(long id) {
        if (id == 0) {
            return B58_DIGITS.substring(0, 1);
        }
        StringBuilder b = new StringBuilder(MAX_B58_LENGTH);
        long v = id;
        while (v != 0) {
            b.append(B58_DIGITS.charAt((int) Long.remainderUnsigned(v, 58)));
            v = Long.divideUnsigned(v, 58);
        }
        return b.reverse().toString();
    }

    /**
     * The encoding {@code s} is in by RFC 19's rules, or null when it is none of dothex, words,
     * F58 or emoji (it may still be a decimal or hex integer), as fluid_string_detect_type.
     */
    public static FluidEncoding detect(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('.') >= 0) {
            return FluidEncoding.DOTHEX;
        }
        if (s.indexOf('-') >= 0) {
            return FluidEncoding.WORDS;
        }
        if (f58PrefixLength(s) > 0) {
            return FluidEncoding.F58;
        }
        if (Basemoji.looksLike(s)) {
            return FluidEncoding.EMOJI;
        }
        return null;
    }

    private static int f58PrefixLength(String s) {
        if (s.startsWith(F58_PREFIX)) {
            return F58_PREFIX.length();
        }
        if (s.startsWith(F58_ASCII_PREFIX)) {
            return F58_ASCII_PREFIX.length();
        }
        return 0;
    }

    /**
     * Decodes {@code s} in one given form, as fluid_decode: DOTHEX, WORDS, F58 (either prefix;
     * F58PLAIN is the same) and EMOJI; also DEC, HEX and KVS for convenience, with the rules
     * of {@link #parse(String)} and {@link JobId#parse(String)}.
     *
     * @throws FormatException if {@code s} is not a FLUID in that form
     */
    public static long decode(String s, FluidEncoding encoding) throws FormatException {
        if (s == null) {
            throw new FormatException("FLUID: invalid id (null)");
        }
        Long id;
        switch (encoding) {
            case DOTHEX:
                id = decodeDothex(s);
                break;
            case KVS:
                id = s.startsWith("job.") ? decodeDothex(s.substring(4)) : null;
                break;
            case WORDS:
                id = Mnemonic.decode(s);
                break;
            case F58:
            case F58PLAIN:
                id = decodeF58(s);
                break;
            case EMOJI:
                id = Basemoji.decode(s);
                break;
            case DEC:
                id = s.startsWith("0x") ? null : decodeInteger(s, 10);
                break;
            case HEX:
                id = s.startsWith("0x") ? decodeInteger(s, 16) : null;
                break;
            default:
                id = null;
                break;
        }
        if (id == null) {
            throw invalid(encoding.typeName(), s);
        }
        return id;
    }

    /**
     * Parses any FLUID form, detecting which, as flux-core's fluid_parse: leading white space
     * is skipped; dothex, words, F58 and emoji by {@link #detect(String)}; otherwise an unsigned
     * integer, hexadecimal after {@code 0x}, else decimal, with trailing white space allowed.
     * Like flux-core it accepts a few odd strings, such as a string of only white space (0).
     *
     * @throws FormatException if {@code s} is empty or not a FLUID in any form
     */
    public static long parse(String s) throws FormatException {
        if (s == null || s.isEmpty()) {
            throw new FormatException("FLUID: invalid id ''");
        }
        int i = 0;
        while (i < s.length() && CNumbers.isCSpace(s.charAt(i))) {
            i++;
        }
        String rest = s.substring(i);
        FluidEncoding type = detect(rest);
        if (type != null) {
            return decode(rest, type);
        }
        Long id = decodeInteger(rest, rest.startsWith("0x") ? 16 : 10);
        if (id == null) {
            throw invalid(rest.startsWith("0x") ? "hex" : "integer", s);
        }
        return id;
    }

    private static Long decodeF58(String s) {
        int prefix = f58PrefixLength(s);
        if (prefix == 0) {
            return null;
        }
        String digits = s.substring(prefix);
        if (digits.isEmpty() || digits.length() > MAX_B58_LENGTH) {
            return null;
        }
        long id = 0;
        long scale = 1;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = B58_DIGITS.indexOf(digits.charAt(i));
            if (d < 0) {
                return null;
            }
            // 12 digits can exceed 64 bits: the sum wraps, as in flux-core
            id += d * scale;
            scale *= 58;
        }
        return id;
    }

    /** strtoull over the whole string but trailing white space; null on any error. */
    private static Long decodeInteger(String s, int base) {
        CNumbers.ScanUnsigned scan = CNumbers.strtoull(s, base);
        if (scan.overflow()) {
            return null;
        }
        for (int j = scan.end(); j < s.length(); j++) {
            if (!CNumbers.isCSpace(s.charAt(j))) {
                return null;
            }
        }
        return scan.value();
    }

    /** sscanf(s, "%4x.%4x.%4x.%4x%n") consuming all of s, as glibc scans; null if not. */
    private static Long decodeDothex(String s) {
        long[] b = new long[4];
        int[] pos = {0};
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (pos[0] >= s.length() || s.charAt(pos[0]) != '.') {
                    return null;
                }
                pos[0]++;
            }
            Long v = scanHex4(s, pos);
            if (v == null) {
                return null;
            }
            b[k] = v;
        }
        if (pos[0] != s.length()) {
            return null;
        }
        return (b[0] << 48) | (b[1] << 32) | (b[2] << 16) | b[3];
    }

    /** One glibc {@code %4x} conversion into an unsigned int; null on a matching failure. */
    private static Long scanHex4(String s, int[] pos) {
        int n = s.length();
        int i = pos[0];
        while (i < n && CNumbers.isCSpace(s.charAt(i))) {
            i++;
        }
        int width = 4;
        StringBuilder digits = new StringBuilder();
        boolean negative = false;
        boolean sign = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            sign = true;
            width--;
            i++;
        }
        if (width > 0 && i < n && s.charAt(i) == '0') {
            digits.append('0');
            width--;
            i++;
            if (width > 0 && i < n && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
                width--;
                i++;
            }
        }
        while (width > 0 && i < n && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0) {
            digits.append(s.charAt(i));
            width--;
            i++;
        }
        if (digits.length() == 0) {
            return null;
        }
        pos[0] = i;
        long v = Long.parseLong(digits.toString(), 16);
        if (negative) {
            v = -v;
        }
        return v & 0xffffffffL;
    }

    static FormatException invalid(String form, String s) {
        return new FormatException("FLUID: invalid " + form + " '" + FormatException.printable(s) + "'");
    }
}
