package org.fluxj.cmd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flux-core's OutputFormat (flux.util) over {@link PyFormat}: the extensions its Python commands'
 * {@code -o} formats use. A field prefixed {@code ?:} is left out, with the blank before it,
 * when every row's value is empty; {@code +:} widens the field to its longest value (its
 * heading included) and lifts the precision; a spec ending in {@code +} ({@code {reason:<30.30+}})
 * cuts a longer value to one less than the precision and marks the cut with {@code +}.
 */
public final class OutputFormat {
    private static final Pattern FIELD = Pattern.compile("(\\?\\+:|\\+\\?:|\\?:|\\+:)?\\{([^{}:]*)(?::([^{}]*))?\\}");
    private static final Pattern WIDTH = Pattern.compile("^((?:.?[<>=^])?0?)(\\d*)(?:\\.(\\d+))?([sd]?)$");

    /** One {@code {field:spec}} of the format, where it is, and what its prefix and spec ask for. */
    private record Field(int start, int end, String name, String spec, boolean hide, boolean widen) {
        boolean marksCut() {
            return spec.endsWith("+");
        }

        String plainSpec() {
            return marksCut() ? spec.substring(0, spec.length() - 1) : spec;
        }
    }

    private OutputFormat() {
    }

    /** The header (unless {@code noHeader}) and one line per row, each row's values by field. */
    public static List<String> render(String fmt, Map<String, String> headings, List<Map<String, Object>> rows,
            boolean noHeader) {
        List<Field> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(fmt);
        while (m.find()) {
            String prefix = m.group(1) == null ? "" : m.group(1);
            fields.add(new Field(m.start(), m.end(), m.group(2), m.group(3) == null ? "" : m.group(3),
                    prefix.contains("?"), prefix.contains("+")));
        }
        List<Map<String, Object>> cut = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> c = new HashMap<>(row);
            for (Field f : fields) {
                Matcher w = WIDTH.matcher(f.plainSpec());
                if (f.marksCut() && w.matches() && w.group(3) != null && c.get(f.name()) instanceof String s) {
                    int p = Integer.parseInt(w.group(3));
                    if (s.length() > p && p > 0) {
                        c.put(f.name(), s.substring(0, p - 1) + "+");
                    }
                }
            }
            cut.add(c);
        }
        StringBuilder plain = new StringBuilder();
        int at = 0;
        for (Field f : fields) {
            String before = fmt.substring(at, f.start());
            at = f.end();
            if (f.hide() && cut.stream().allMatch(r -> String.valueOf(r.getOrDefault(f.name(), "")).isEmpty())) {
                plain.append(before.replaceAll("\\s+$", ""));
                continue;
            }
            plain.append(before).append('{').append(f.name());
            String spec = f.widen() ? widened(f, headings, cut) : f.plainSpec();
            if (!spec.isEmpty()) {
                plain.append(':').append(spec);
            }
            plain.append('}');
        }
        plain.append(fmt.substring(at));
        PyFormat py = PyFormat.parse(plain.toString(), Set.copyOf(headings.keySet()));
        List<String> out = new ArrayList<>();
        if (!noHeader) {
            out.add(py.header(headings));
        }
        cut.forEach(r -> out.add(py.format(r)));
        return out;
    }

    /** The spec with its width raised to the longest value or heading, and no precision. */
    private static String widened(Field f, Map<String, String> headings, List<Map<String, Object>> rows) {
        Matcher w = WIDTH.matcher(f.plainSpec());
        if (!w.matches()) {
            return f.plainSpec(); // PyFormat names what is wrong with it
        }
        int width = w.group(2).isEmpty() ? 0 : Integer.parseInt(w.group(2));
        width = Math.max(width, headings.getOrDefault(f.name(), "").length());
        for (Map<String, Object> r : rows) {
            width = Math.max(width, String.valueOf(r.getOrDefault(f.name(), "")).length());
        }
        return w.group(1) + (width > 0 ? width : "") + w.group(4);
    }
}
