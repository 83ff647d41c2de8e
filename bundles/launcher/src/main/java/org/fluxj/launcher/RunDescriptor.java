package org.fluxj.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bnd run descriptor ({@code cnf/broker.bndrun}) as far as the launcher reads it: the
 * {@code -runbundles} symbolic names, in order, and the {@code -runproperties}.
 */
record RunDescriptor(List<String> runbundles, Map<String, String> runproperties) {

    static RunDescriptor read(Path file) throws IOException {
        Map<String, String> instructions = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (logical.length() == 0 && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            if (l.endsWith("\\")) {
                logical.append(l, 0, l.length() - 1);
                continue;
            }
            logical.append(l);
            String s = logical.toString();
            logical.setLength(0);
            int sep = s.indexOf(':');
            if (sep > 0) {
                instructions.put(s.substring(0, sep).strip(), s.substring(sep + 1).strip());
            }
        }
        List<String> bundles = new ArrayList<>();
        for (String clause : split(instructions.getOrDefault("-runbundles", ""))) {
            bundles.add(clause.split(";")[0].strip());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String clause : split(instructions.getOrDefault("-runproperties", ""))) {
            int eq = clause.indexOf('=');
            if (eq > 0) {
                props.put(clause.substring(0, eq).strip(), clause.substring(eq + 1).strip());
            }
        }
        return new RunDescriptor(bundles, props);
    }

    /** Comma-separated clauses; a value may itself hold commas inside quotes. */
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        cur.setLength(0);
    }
}
