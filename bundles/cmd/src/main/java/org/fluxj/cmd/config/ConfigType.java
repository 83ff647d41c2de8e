package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fluxj.cmd.Flux;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;

/**
 * The value types of {@code flux config get/set --type} (flux-core builtin/config.c's
 * typemap): the JSON types, {@code any}, and the Flux Standard Duration forms, which are
 * strings that parse as an FSD. Names are matched ignoring case.
 */
enum ConfigType {
    OBJECT, ARRAY, STRING, INTEGER, REAL, BOOLEAN, ANY, FSD, FSD_INTEGER, FSD_REAL;

    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();
    /** What C's strtod takes whole, less the infinities and NaN, which JSON cannot hold. */
    private static final Pattern REAL_TEXT = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** What C's strtoll takes whole in base 0: decimal, 0x hex, 0 octal. */
    private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\\d*)");

    /** The type called {@code name}, or null if none is. */
    static ConfigType named(String name) {
        for (ConfigType t : values()) {
            if (t.typeName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    String typeName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type of an existing value, to set a new one like it ({@code flux config set} without --type). */
    static ConfigType of(JsonNode v) {
        if (v.isObject()) {
            return OBJECT;
        } else if (v.isArray()) {
            return ARRAY;
        } else if (v.isTextual()) {
            return STRING;
        } else if (v.isIntegralNumber()) {
            return INTEGER;
        } else if (v.isNumber()) {
            return REAL;
        } else if (v.isBoolean()) {
            return BOOLEAN;
        }
        return ANY;
    }

    /**
     * {@code v} as {@code flux config get} prints it with this type, or null if it does not have
     * the type: strings bare, other values as compact JSON; fsd-integer and fsd-real in seconds.
     */
    String print(JsonNode v) {
        switch (this) {
            case ANY:
                return text(v);
            case FSD, FSD_INTEGER, FSD_REAL: {
                if (!v.isTextual()) {
                    return null;
                }
                double t;
                try {
                    t = Fsd.parse(v.asText());
                } catch (FormatException e) {
                    return null;
                }
                return this == FSD ? v.asText() : this == FSD_INTEGER ? Integer.toString((int) t)
                        : String.format(Locale.ROOT, "%f", t);
            }
            default:
                return of(v) == this ? text(v) : null;
        }
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : JanssonText.compact(v);
    }

    /** {@code s} as a value of this type (flux config set); the message says what would not parse. */
    JsonNode parse(String s) throws FormatException {
        switch (this) {
            case BOOLEAN:
                return NODES.booleanNode(!(s.isEmpty() || "0fF".indexOf(s.charAt(0)) >= 0));
            case REAL:
                if (!REAL_TEXT.matcher(s).matches()) {
                    throw new FormatException("Error parsing real value");
                }
                return NODES.numberNode(Double.parseDouble(s.strip()));
            case INTEGER:
                return NODES.numberNode(integer(s));
            case OBJECT, ARRAY: {
                JsonNode v;
                try {
                    v = Json.parse(s, "value");
                } catch (FormatException e) {
                    v = null;
                }
                if (v == null || of(v) != this) {
                    throw new FormatException("Error parsing json " + typeName());
                }
                return v;
            }
            case STRING, FSD: {
                if (this == FSD && !Fsd.isValid(s)) {
                    throw new FormatException("Error parsing Flux Standard Duration");
                }
                if (!s.startsWith("\"")) {
                    return NODES.textNode(s);
                }
                try {
                    JsonNode v = Json.parse(s, "value");
                    if (v.isTextual()) {
                        return v;
                    }
                } catch (FormatException e) {
                    // refused below
                }
                throw new FormatException("Error parsing string");
            }
            default:
                throw new FormatException("Invalid type for the set subcommand: " + typeName());
        }
    }

    private static long integer(String s) throws FormatException {
        if (!INTEGER_TEXT.matcher(s).matches()) {
            throw new FormatException("Error parsing integer value");
        }
        String t = s.strip();
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        try {
            return Long.parseLong((negative ? "-" : "") + t, radix);
        } catch (NumberFormatException e) {
            throw new FormatException("Error parsing integer value"); // out of range, as strtoll's ERANGE
        }
    }
}
