package org.fluxj.formats.rset;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as jansson's {@code json_dumps(o, 0)} writes it, which is how flux-core
 * prints R: {@code ", "} and {@code ": "} separators, object keys in insertion order, reals
 * as {@code %.17g} with a {@code .0} added when needed, only {@code "}, {@code \} and control
 * characters escaped.
 */
final class JanssonText {
    private JanssonText() {
    }

    static String dumps(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    static void write(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), sb);
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            sb.append(real(n.doubleValue()));
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue());
        } else {
            sb.append("null");
        }
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A double as jansson prints it: printf {@code %.17g}, then ".0" if it looks integral, exponent trimmed. */
    static String real(double d) {
        String s;
        if (d == 0) {
            s = (1 / d < 0) ? "-0" : "0";
        } else {
            BigDecimal bd = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
            int exp = bd.precision() - bd.scale() - 1;
            if (exp < -4 || exp >= 17) {
                String digits = bd.unscaledValue().abs().toString();
                digits = stripZeros(digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits);
                s = (d < 0 ? "-" : "") + digits + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                        + Math.abs(exp);
            } else {
                s = stripZeros(bd.setScale(Math.max(0, 16 - exp), RoundingMode.HALF_EVEN).toPlainString());
            }
        }
        if (s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            s = s + ".0";
        }
        int e = s.indexOf('e');
        if (e >= 0) {
            String mant = s.substring(0, e);
            String ex = s.substring(e + 1);
            String sign = "";
            if (ex.startsWith("+")) {
                ex = ex.substring(1);
            } else if (ex.startsWith("-")) {
                sign = "-";
                ex = ex.substring(1);
            }
            ex = ex.replaceFirst("^0+(?=.)", "");
            s = mant + "e" + sign + ex;
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceFirst("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
