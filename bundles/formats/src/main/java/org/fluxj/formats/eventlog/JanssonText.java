package org.fluxj.formats.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;
import org.fluxj.formats.json.Json;

/**
 * Compact JSON text as jansson's {@code json_dumps(JSON_COMPACT)} writes it: keys in their
 * order, reals in jansson 2.14's shortest round-trip form ({@code 42.0}, {@code 1.5e-7}).
 */
final class JanssonText {
    private JanssonText() {
    }

    static String write(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, b);
        return b.toString();
    }

    private static void write(JsonNode node, StringBuilder b) {
        if (node.isObject()) {
            b.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(Json.encode(TextNode.valueOf(field.getKey()))).append(':');
                write(field.getValue(), b);
            }
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(node.get(i), b);
            }
            b.append(']');
        } else if (node.isNumber() && !node.isIntegralNumber()) {
            b.append(real(node.doubleValue()));
        } else {
            b.append(Json.encode(node));
        }
    }

    /** A real as jansson 2.14 prints it (dtoa shortest digits, Python repr layout). */
    static String real(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON cannot hold " + value);
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        String digits;
        int decpt;
        if (value == 0) {
            digits = "0";
            decpt = 1;
        } else {
            BigDecimal exact = new BigDecimal(Math.abs(value));
            BigDecimal shortest = exact;
            for (int p = 1; p <= 17; p++) {
                BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
                if (r.doubleValue() == Math.abs(value)) {
                    shortest = r;
                    break;
                }
            }
            shortest = shortest.stripTrailingZeros();
            digits = shortest.unscaledValue().toString();
            decpt = digits.length() - shortest.scale();
        }
        StringBuilder b = new StringBuilder();
        if (negative) {
            b.append('-');
        }
        int exp = 0;
        boolean useExp = decpt <= -4 || decpt > 16;
        if (useExp) {
            exp = decpt - 1;
            decpt = 1;
        }
        if (decpt <= 0) {
            b.append("0.");
            b.append("0".repeat(-decpt));
            b.append(digits);
        } else if (decpt <= digits.length()) {
            b.append(digits, 0, decpt);
            if (decpt < digits.length()) {
                b.append('.').append(digits, decpt, digits.length());
            } else if (!useExp) {
                b.append(".0");
            }
        } else {
            b.append(digits).append("0".repeat(decpt - digits.length()));
            if (!useExp) {
                b.append(".0");
            }
        }
        if (useExp) {
            b.append('e').append(exp);
        }
        return b.toString();
    }
}
