package org.fluxj.formats.jobspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.fluxj.formats.FormatException;

/**
 * The job environment from {@code --env} rules, as flux-core's
 * {@code get_filtered_environment}: {@code -PATTERN} removes, {@code ^FILE} reads more rules,
 * {@code PATTERN} imports from the submitter's environment, {@code VAR=VALUE} sets with
 * {@code $VAR} expansion; values holding {@code {{} go to the shell's env-expand instead.
 */
final class Environment {
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$(?:(\\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\\{([_a-zA-Z][_a-zA-Z0-9]*)}|())");

    final Map<String, String> environ;
    final Map<String, String> expand = new LinkedHashMap<>();
    private final Map<String, String> process;
    private final Path home;

    Environment(Map<String, String> process, Path home) {
        this.process = process;
        this.environ = new LinkedHashMap<>(process);
        this.home = home;
    }

    void apply(List<String> rules) throws FormatException {
        for (String rule : rules) {
            if (rule.startsWith("-")) {
                Pattern p = pattern(rule.substring(1));
                environ.keySet().removeIf(k -> matches(p, k));
            } else if (rule.startsWith("^")) {
                apply(readRules(rule.substring(1)));
            } else {
                int eq = rule.indexOf('=');
                if (eq < 0) {
                    Pattern p = pattern(rule);
                    for (Map.Entry<String, String> e : process.entrySet()) {
                        if (matches(p, e.getKey()) && !environ.containsKey(e.getKey())) {
                            environ.put(e.getKey(), e.getValue());
                        }
                    }
                } else {
                    String var = rule.substring(0, eq);
                    String value = rule.substring(eq + 1);
                    if (value.contains("{{")) {
                        expand.put(var, value);
                    } else {
                        environ.put(var, substitute(value, rule));
                    }
                }
            }
        }
    }

    private static boolean matches(Pattern p, String key) {
        return p.matcher(key).lookingAt();
    }

    private List<String> readRules(String name) throws FormatException {
        Path path = Path.of(expandUser(name));
        try {
            return Files.readAllLines(path).stream().map(String::strip).toList();
        } catch (NoSuchFileException e) {
            throw new FormatException("--env: [Errno 2] No such file or directory: '" + expandUser(name) + "'");
        } catch (IOException | RuntimeException e) {
            throw new FormatException("--env: " + name + ": " + e.getMessage());
        }
    }

    private String expandUser(String name) {
        if (home != null && (name.equals("~") || name.startsWith("~/"))) {
            return home + name.substring(1);
        }
        return name;
    }

    /** Python's {@code string.Template.substitute} over the job environment, then the process's. */
    private String substitute(String value, String rule) throws FormatException {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                replacement = "$";
            } else if (m.group(4) != null) {
                throw new FormatException("--env: Unable to substitute " + rule);
            } else {
                String name = m.group(2) != null ? m.group(2) : m.group(3);
                replacement = environ.containsKey(name) ? environ.get(name) : process.get(name);
                if (replacement == null) {
                    throw new FormatException("--env: Variable '" + name + "' not found in " + rule);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A pattern as flux-core's {@code filter_dict} takes it: {@code /REGEX/} is a regular
     * expression matched at the start of the name, anything else a shell glob matched whole.
     */
    static Pattern pattern(String pattern) throws FormatException {
        if (pattern.startsWith("/")) {
            String re = pattern.substring(1).replaceAll("/+$", "");
            try {
                return Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw new FormatException("invalid regular expression '" + re + "': " + e.getDescription());
            }
        }
        return Pattern.compile(glob(pattern) + "\\z", Pattern.DOTALL);
    }

    /** Python's {@code fnmatch.translate}, without the anchoring. */
    static String glob(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = pat.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (stuff.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    }
                    for (; k < stuff.length(); k++) {
                        char s = stuff.charAt(k);
                        if (s == '-' && k > 0 && k < stuff.length() - 1) {
                            cls.append('-');
                        } else if (Character.isLetterOrDigit(s)) {
                            cls.append(s);
                        } else {
                            cls.append('\\').append(s);
                        }
                    }
                    re.append(cls.append(']'));
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
