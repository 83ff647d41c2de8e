package org.fluxj.formats.jobspec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fluxj.formats.FormatException;

/**
 * Resource limits to propagate, from {@code --rlimit} rules, as flux-core's
 * {@code get_filtered_rlimits}: all limits Python's {@code resource} module knows, less a
 * default set, then the user's comma-separated rules ({@code -NAME}, {@code NAME},
 * {@code NAME=VALUE}; globs allowed). Unlimited is -1.
 */
final class Rlimits {
    /** Limit names in the order Python's resource module defines them on Linux. */
    static final List<String> NAMES = List.of("cpu", "fsize", "data", "stack", "core", "nofile", "ofile", "as",
            "rss", "nproc", "memlock", "msgqueue", "nice", "rtprio", "rttime", "sigpending");
    private static final List<String> DEFAULT_RULES = List.of("-memlock", "-ofile", "-msgqueue", "-nice", "-rtprio",
            "-rttime", "-sigpending");

    private Rlimits() {
    }

    static Map<String, Long> filter(Map<String, Long> current, List<String> userRules) throws FormatException {
        List<String> rules = new ArrayList<>(DEFAULT_RULES);
        for (String r : userRules) {
            rules.addAll(List.of(r.split(",", -1)));
        }
        Map<String, Long> limits = current.isEmpty() ? new LinkedHashMap<>() : matching(current, "*");
        for (String rule : rules) {
            if (rule.startsWith("-")) {
                Pattern p = Environment.pattern(rule.substring(1).toLowerCase());
                limits.keySet().removeIf(k -> p.matcher(k).lookingAt());
            } else {
                int eq = rule.indexOf('=');
                if (eq < 0) {
                    limits.putAll(matching(current, rule.toLowerCase()));
                } else {
                    String name = rule.substring(0, eq);
                    String value = rule.substring(eq + 1);
                    if (!NAMES.contains(name.toLowerCase())) {
                        throw new FormatException("Invalid rlimit \"" + name + "\"");
                    }
                    long v;
                    if (value.equals("unlimited") || value.equals("infinity") || value.equals("inf")) {
                        v = -1;
                    } else {
                        BigInteger b = Py.parseInt(value);
                        if (b == null || b.bitLength() > 63) {
                            throw new FormatException("Invalid value in " + name + "=" + value);
                        }
                        v = b.longValue();
                    }
                    limits.put(name.toLowerCase(), v);
                }
            }
        }
        return limits;
    }

    /** flux-core's {@code get_rlimits(name)}: current limits whose RLIMIT_ name matches a glob. */
    private static Map<String, Long> matching(Map<String, Long> current, String name) throws FormatException {
        Pattern p = Pattern.compile(Environment.glob(("RLIMIT_" + name).toUpperCase()) + "\\z", Pattern.DOTALL);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String n : NAMES) {
            if (p.matcher("RLIMIT_" + n.toUpperCase()).matches() && current.containsKey(n)) {
                out.put(n, current.get(n));
            }
        }
        if (out.isEmpty()) {
            throw new FormatException("No corresponding rlimit matching \"" + name + "\"");
        }
        return out;
    }
}
