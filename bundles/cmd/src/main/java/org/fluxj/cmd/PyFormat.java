package org.fluxj.cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Python's format string syntax that flux-core's {@code OutputFormat} uses for
 * {@code -o/--format}: literal text ({@code {{}} and {@code }}} escape braces) and
 * {@code {FIELD}} or {@code {FIELD:SPEC}} with SPEC as {@code [[fill]align][0][width][.precision][type]}.
 * Numbers are right-aligned and strings left-aligned by default; the header line applies each
 * field's fill, alignment and width to its heading.
 */
public final class PyFormat {
    private record Part(String literal, String field, char fill, char align, int width, int precision) {
    }

    private final List<Part> parts;

    private PyFormat(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code fmt}; a field not in {@code fields} fails the command. */
    public static PyFormat parse(String fmt, Set<String> fields) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < fmt.length() && fmt.charAt(i + 1) == c) {
                lit.append(c);
                i++;
            } else if (c == '{') {
                int end = fmt.indexOf('}', i);
                if (end < 0) {
                    throw new CommandException("Invalid format: expected '}' before end of string");
                }
                if (lit.length() > 0) {
                    parts.add(new Part(lit.toString(), null, ' ', '\0', 0, -1));
                    lit.setLength(0);
                }
                parts.add(field(fmt.substring(i + 1, end), fields));
                i = end;
            } else if (c == '}') {
                throw new CommandException("Invalid format: Single '}' encountered in format string");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            parts.add(new Part(lit.toString(), null, ' ', '\0', 0, -1));
        }
        return new PyFormat(parts);
    }

    private static Part field(String s, Set<String> fields) {
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String spec = colon < 0 ? "" : s.substring(colon + 1);
        if (!fields.contains(name)) {
            throw new CommandException("Unknown format field: " + name);
        }
        char fill = ' ';
        char align = '\0';
        int i = 0;
        if (spec.length() >= 2 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if (!spec.isEmpty() && "<>^=".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        if (i < spec.length() && spec.charAt(i) == '0') {
            if (align == '\0') {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int start = i;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        int width = i > start ? Integer.parseInt(spec.substring(start, i)) : 0;
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            int p = ++i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (i == p) {
                throw new CommandException("Invalid format specifier '" + spec + "' for field " + name);
            }
            precision = Integer.parseInt(spec.substring(p, i));
        }
        if (i < spec.length() && "sd".indexOf(spec.charAt(i)) >= 0) {
            i++;
        }
        if (i != spec.length()) {
            throw new CommandException("Invalid format specifier '" + spec + "' for field " + name);
        }
        return new Part(null, name, fill, align, width, precision);
    }

    /** One line for an item whose fields are {@code values} (Integer or String). */
    public String format(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.literal != null) {
                sb.append(p.literal);
            } else {
                Object v = values.get(p.field);
                pad(sb, p, String.valueOf(v), v instanceof Number);
            }
        }
        return sb.toString();
    }

    /** The heading line: each field's heading, padded as the field is. */
    public String header(Map<String, String> headings) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.literal != null) {
                sb.append(p.literal);
            } else {
                pad(sb, p, headings.get(p.field), false);
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, Part p, String s, boolean number) {
        if (p.precision >= 0 && !number && s.length() > p.precision) {
            s = s.substring(0, p.precision);
        }
        int n = p.width - s.length();
        if (n <= 0) {
            sb.append(s);
            return;
        }
        char align = p.align != '\0' ? p.align : number ? '>' : '<';
        String fill = String.valueOf(p.fill);
        switch (align) {
            case '>', '=' -> sb.append(fill.repeat(n)).append(s);
            case '^' -> sb.append(fill.repeat(n / 2)).append(s).append(fill.repeat(n - n / 2));
            default -> sb.append(s).append(fill.repeat(n));
        }
    }
}
