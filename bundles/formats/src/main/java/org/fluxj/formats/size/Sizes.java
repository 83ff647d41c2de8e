package org.fluxj.formats.size;

import org.fluxj.formats.FormatException;
import org.fluxj.formats.internal.CNumbers;

/**
 * flux-core's libutil parse_size.c: an integer (decimal, 0x hex or 0 octal, as strtoull with base
 * 0) or a non-negative floating point number, followed by nothing or one of the suffixes
 * {@code k}/{@code K}, {@code M}, {@code G}, {@code T}, {@code P}, {@code E} (powers of 1024).
 * Sizes are unsigned 64-bit in flux-core; here they stop at {@link Long#MAX_VALUE}.
 */
public final class Sizes {
    private static final String SUFFIXES = "KMGTPE";

    private Sizes() {
    }

    /** {@code parse_size}: "100M" is 104857600; "1.5k" is 1536 (fractions are floored). */
    public static long parse(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("size: missing");
        }
        Long n = parseInteger(s);
        if (n == null) {
            n = parseDouble(s);
        }
        if (n == null) {
            throw new FormatException("invalid size '" + FormatException.printable(s) + "'");
        }
        return n;
    }

    private static long scale(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        if (suffix.equals("k")) {
            return 1024;
        }
        int i = suffix.length() == 1 ? SUFFIXES.indexOf(suffix.charAt(0)) : -1;
        return i < 0 ? -1 : 1L << (10 * (i + 1));
    }

    private static Long parseInteger(String s) throws FormatException {
        if (s.indexOf('-') >= 0) {
            return null; // strtoull would take a minus sign; parse_size does not
        }
        CNumbers.ScanUnsigned scan = CNumbers.strtoull(s, 0);
        long scale = scan.end() == 0 ? -1 : scale(s.substring(scan.end()));
        if (scale < 0) {
            return null;
        }
        if (scan.overflow() || scan.value() < 0 || Math.multiplyHigh(scan.value(), scale) != 0
                || scan.value() * scale < 0) {
            throw new FormatException("size " + FormatException.printable(s) + " is too large");
        }
        return scan.value() * scale;
    }

    private static Long parseDouble(String s) throws FormatException {
        CNumbers.Scan scan = CNumbers.strtod(s);
        if (scan.end() == 0) {
            return null;
        }
        long scale = scale(s.substring(scan.end()));
        double d = scan.value();
        if (scale < 0 || Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
            return null;
        }
        double result = Math.floor(d * scale);
        if (result >= 0x1p63) {
            throw new FormatException("size " + FormatException.printable(s) + " is too large");
        }
        return (long) result;
    }
}
