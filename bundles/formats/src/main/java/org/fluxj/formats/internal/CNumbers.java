package org.fluxj.formats.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C library number conversions (strtod prefix scanning and printf %g) as glibc performs them, for
 * the formats that flux-core parses or prints with them. Not exported: the bundle's own helper.
 */
public final class CNumbers {
    private CNumbers() {
    }

    /** The result of scanning a number prefix: its value and the index just past it. */
    public record Scan(double value, int end) {
    }

    /** The result of strtoull: the value (unsigned, negated if there was a minus sign), the index past it, ERANGE. */
    public record ScanUnsigned(long value, int end, boolean overflow) {
    }

    /** C's isspace in the C locale. */
    public static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean matchesIgnoreCase(String s, int at, String word) {
        return s.regionMatches(true, at, word, 0, word.length());
    }

    /**
     * Scans the longest prefix of {@code s} that C's strtoull converts in {@code base} (0: 0x
     * hex, 0 octal, else decimal; 16 also takes a 0x prefix). When nothing converts, the end is 0.
     */
    public static ScanUnsigned strtoull(String s, int base) {
        int n = s.length();
        int i = signStart(s);
        boolean negative = i > 0 && s.charAt(i - 1) == '-';
        boolean hexPrefix = i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && isDigitIn(s.charAt(i + 2), 16);
        if (base == 0) {
            base = hexPrefix ? 16 : i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        if (base == 16 && hexPrefix) {
            i += 2;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && isDigitIn(s.charAt(i), base)) {
            int d = Character.digit(s.charAt(i), base);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, base)) > 0) {
                overflow = true;
            } else {
                long next = value * base + d;
                if (Long.compareUnsigned(next, value * base) < 0) {
                    overflow = true;
                }
                value = next;
            }
            i++;
        }
        if (i == start) {
            return new ScanUnsigned(0, 0, false);
        }
        return new ScanUnsigned(overflow ? -1L : negative ? -value : value, i, overflow);
    }

    /** Where the digits start: past leading white space and one sign, as strtod and strtoull skip them. */
    private static int signStart(String s) {
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static boolean isDigitIn(char c, int base) {
        return c < 128 && Character.digit(c, base) >= 0;
    }

    /**
     * Scans the longest prefix of {@code s} that C's strtod converts. When nothing converts,
     * the value is 0 and the end is 0 (the start of the string, before any white space).
     */
    public static Scan strtod(String s) {
        int n = s.length();
        int i = signStart(s);
        boolean negative = i > 0 && s.charAt(i - 1) == '-';
        double sign = negative ? -1.0 : 1.0;
        if (matchesIgnoreCase(s, i, "inf")) {
            int end = matchesIgnoreCase(s, i, "infinity") ? i + 8 : i + 3;
            return new Scan(sign * Double.POSITIVE_INFINITY, end);
        }
        if (matchesIgnoreCase(s, i, "nan")) {
            int end = i + 3;
            if (end < n && s.charAt(end) == '(') {
                int j = end + 1;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128
                        || s.charAt(j) == '_')) {
                    j++;
                }
                if (j < n && s.charAt(j) == ')') {
                    end = j + 1;
                }
            }
            return new Scan(Double.NaN, end);
        }
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            Scan hex = scanHex(s, i + 2, sign);
            if (hex != null) {
                return hex;
            }
            // "0x" without hex digits converts as the number 0, ending before the x
            return new Scan(sign * 0.0, i + 1);
        }
        return scanDecimal(s, i, sign);
    }

    private static Scan scanDecimal(String s, int start, double sign) {
        int n = s.length();
        int i = start;
        StringBuilder mantissa = new StringBuilder();
        boolean digits = false;
        while (i < n && isDigit(s.charAt(i))) {
            mantissa.append(s.charAt(i++));
            digits = true;
        }
        if (i < n && s.charAt(i) == '.') {
            int dot = i;
            i++;
            StringBuilder fraction = new StringBuilder();
            while (i < n && isDigit(s.charAt(i))) {
                fraction.append(s.charAt(i++));
            }
            if (!digits && fraction.length() == 0) {
                i = dot;
            } else {
                digits = true;
                mantissa.append('.').append(fraction);
            }
        }
        if (!digits) {
            return new Scan(0.0, 0);
        }
        Scan exp = exponent(s, i, 'e');
        long exponent = (long) exp.value();
        i = exp.end();
        return parsed(mantissa + "e" + exponent, sign, i);
    }

    private static Scan scanHex(String s, int start, double sign) {
        int n = s.length();
        int i = start;
        StringBuilder whole = new StringBuilder();
        StringBuilder fraction = new StringBuilder();
        while (i < n && isHexDigit(s.charAt(i))) {
            whole.append(s.charAt(i++));
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            while (j < n && isHexDigit(s.charAt(j))) {
                fraction.append(s.charAt(j++));
            }
            if (whole.length() > 0 || fraction.length() > 0) {
                i = j;
            }
        }
        if (whole.length() == 0 && fraction.length() == 0) {
            return null;
        }
        Scan exp = exponent(s, i, 'p');
        long exponent = (long) exp.value();
        i = exp.end();
        return parsed("0x" + (whole.length() == 0 ? "0" : whole) + "." + (fraction.length() == 0 ? "0" : fraction)
                + "p" + exponent, sign, i);
    }

    /** The value of well-formed Java floating point text, as the scan of a number ending at {@code end}. */
    private static Scan parsed(String text, double sign, int end) {
        return new Scan(sign * Double.parseDouble(text), end);
    }

    /** C's {@code printf("%.*g", precision, value)} for a finite value. */
    public static String formatG(double value, int precision) {
        int p = precision == 0 ? 1 : precision;
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        String sign = negative ? "-" : "";
        BigDecimal magnitude = new BigDecimal(Math.abs(value));
        if (magnitude.signum() == 0) {
            return sign + "0";
        }
        BigDecimal rounded = magnitude.round(new MathContext(p, RoundingMode.HALF_EVEN));
        int x = rounded.precision() - rounded.scale() - 1;
        if (p > x && x >= -4) {
            String fixed = rounded.setScale(p - 1 - x, RoundingMode.HALF_EVEN).toPlainString();
            return sign + stripZeros(fixed);
        }
        String digits = rounded.unscaledValue().toString();
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        mantissa = stripZeros(mantissa);
        String exp = Integer.toString(Math.abs(x));
        if (exp.length() < 2) {
            exp = "0" + exp;
        }
        return sign + mantissa + "e" + (x < 0 ? "-" : "+") + exp;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The optional exponent at {@code i} ({@code e-5}, {@code p+3}), as strtod reads it: a marker
     * not followed by digits is not an exponent, and the scan stays at {@code i}. Huge exponents
     * saturate (the value is then zero or infinite anyway).
     */
    private static Scan exponent(String s, int i, char marker) {
        int n = s.length();
        if (i >= n || Character.toLowerCase(s.charAt(i)) != marker) {
            return new Scan(0, i);
        }
        int j = i + 1;
        boolean negative = false;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            negative = s.charAt(j) == '-';
            j++;
        }
        if (j >= n || !isDigit(s.charAt(j))) {
            return new Scan(0, i);
        }
        long exponent = 0;
        while (j < n && isDigit(s.charAt(j))) {
            if (exponent < 1_000_000_000L) {
                exponent = exponent * 10 + (s.charAt(j) - '0');
            }
            j++;
        }
        return new Scan(negative ? -exponent : exponent, j);
    }
}
