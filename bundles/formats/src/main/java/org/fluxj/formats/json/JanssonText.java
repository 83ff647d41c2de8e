package org.fluxj.formats.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * JSON text byte for byte as jansson 2.14, the library flux-core links, writes it with
 * {@code json_dumps}. Use it wherever fluxj must print what flux-core prints (R, eventlog
 * entries, error messages that quote JSON); {@link Json#encode} is for everything else.
 *
 * <ul>
 *   <li>Object members in their order; no white space but the separators.
 *   <li>Integers in full; reals as {@link #real(double)}.
 *   <li>Strings: {@code "} and {@code \} escaped, control characters as {@code \b \f \n \r \t}
 *       or <code>&#92;u00<i>XX</i></code> (upper-case hex); {@code /} and non-ASCII characters as they are.
 * </ul>
 */
public final class JanssonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final MathContext DIGITS_17 = new MathContext(17, RoundingMode.HALF_EVEN);

    private JanssonText() {
    }

    /**
     * {@code json_dumps(node, JSON_COMPACT)}, as flux-core writes eventlog entries:
     * {@code {"a":[1,2.5],"b":"x"}}.
     */
    public static String compact(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, ",", ":", b);
        return b.toString();
    }

    /**
     * {@code json_dumps(node, 0)}, as flux-core writes R: {@code {"a": [1, 2.5], "b": "x"}}.
     */
    public static String dumps(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, ", ", ": ", b);
        return b.toString();
    }

    /**
     * A real as jansson 2.14 prints it: C's {@code printf("%.17g")}, then {@code .0} appended
     * when the text has neither {@code .} nor {@code e}, and the exponent without {@code +} or
     * leading zeros. So {@code 42.0}, {@code 0.10000000000000001}, {@code 1e17},
     * {@code 9.9999999999999995e-8}, {@code -0.0}. The text always parses back to
     * {@code value}.
     *
     * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot hold
     */
    public static String real(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON cannot hold " + value);
        }
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        // %.17g: the exact binary value rounded to 17 significant digits, trailing zeros dropped
        BigDecimal rounded = new BigDecimal(Math.abs(value)).round(DIGITS_17).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = rounded.unscaledValue().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mantissa + "e" + exponent;
        }
        String plain = rounded.toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    private static void write(JsonNode n, String comma, String colon, StringBuilder b) {
        if (n.isObject()) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!first) {
                    b.append(comma);
                }
                first = false;
                appendString(b, e.getKey());
                b.append(colon);
                write(e.getValue(), comma, colon, b);
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(comma);
                }
                write(n.get(i), comma, colon, b);
            }
            b.append(']');
        } else if (n.isTextual() || n.isBinary()) {
            appendString(b, n.asText());
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            b.append(real(n.doubleValue()));
        } else if (n.isBoolean()) {
            b.append(n.booleanValue());
        } else if (n.isNull()) {
            b.append("null");
        } else if (n instanceof POJONode p) {
            write(Json.mapper().valueToTree(p.getPojo()), comma, colon, b);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }

    /** Appends {@code s} as a JSON string escaped as jansson escapes it (see the class comment). */
    public static void appendString(StringBuilder b, String s) {
        b.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        b.append(s, start, s.length()).append('"');
    }
}
