package org.fluxj.formats.fsd;

import org.fluxj.formats.FormatException;
import org.fluxj.formats.internal.CNumbers;

/**
 * Flux Standard Duration (RFC 23): a floating point number of seconds in any form C's strtod
 * accepts, with an optional unit suffix {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d}; {@code inf} and {@code infinity} (any case, no suffix) mean forever.
 *
 * <p>Parsing follows flux-core's {@code fsd_parse_duration} exactly, including its lenience:
 * leading white space and hexadecimal numbers are accepted, and a string with no number at all
 * followed by nothing or by a unit alone (such as {@code ""} or {@code "s"}) is zero.
 */
public final class Fsd {
    /** Precision flux-core's {@code fsd_format_duration} uses. */
    public static final int DEFAULT_PRECISION = 6;

    private Fsd() {
    }

    /**
     * Parses a duration into seconds; infinite durations give {@link Double#POSITIVE_INFINITY}.
     *
     * @throws FormatException if the string is not a non-negative duration
     */
    public static double parse(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("FSD: invalid duration (null)");
        }
        CNumbers.Scan scan = CNumbers.strtod(s);
        // flux-core would hand back -0.0 for "-0"; zero has one sign here
        double d = scan.value() + 0.0;
        if (Double.isNaN(d) || d < 0) {
            throw invalid(s);
        }
        String unit = s.substring(scan.end());
        if (unit.isEmpty()) {
            return d;
        }
        if (Double.isInfinite(d)) {
            throw invalid(s);
        }
        switch (unit) {
            case "ms":
                return d * .001;
            case "s":
                return d;
            case "m":
                return d * 60.0;
            case "h":
                return d * 3600.0;
            case "d":
                return d * 86400.0;
            default:
                throw invalid(s);
        }
    }

    /** True if {@code s} parses as a duration. */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    /**
     * Formats a duration as flux-core's {@code fsd_format_duration} does: six significant
     * digits in the largest unit that keeps the number at least one, milliseconds below 0.1s,
     * {@code infinity} for infinite durations.
     *
     * @throws IllegalArgumentException if seconds is NaN or negative
     */
    public static String format(double seconds) {
        return format(seconds, DEFAULT_PRECISION);
    }

    /**
     * Formats a duration with {@code precision} significant digits, as flux-core's
     * {@code fsd_format_duration_ex} does.
     *
     * @throws IllegalArgumentException if seconds is NaN or negative, or precision is negative
     */
    public static String format(double seconds, int precision) {
        if (precision < 0) {
            throw new IllegalArgumentException("FSD: negative precision " + precision);
        }
        if (Double.isInfinite(seconds)) {
            return "infinity";
        }
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("FSD: invalid duration " + seconds);
        }
        if (seconds < 0.1 && seconds != 0.) {
            return CNumbers.formatG(seconds * 1000., precision) + "ms";
        } else if (seconds < 60.) {
            return CNumbers.formatG(seconds, precision) + "s";
        } else if (seconds < 60. * 60.) {
            return CNumbers.formatG(seconds / 60., precision) + "m";
        } else if (seconds < 60. * 60. * 24.) {
            return CNumbers.formatG(seconds / (60. * 60.), precision) + "h";
        }
        return CNumbers.formatG(seconds / (60. * 60. * 24.), precision) + "d";
    }

    private static FormatException invalid(String s) {
        return new FormatException("FSD: invalid duration '" + FormatException.printable(s) + "'");
    }
}
