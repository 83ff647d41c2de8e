package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * The rules of RFC 14 (canonical jobspec) and, for version 1, RFC 25, with the checks
 * flux-core's Python {@code JobspecV1} and C {@code flux_jobspec1_check} make. Each failure
 * is one line naming the path in the document.
 */
final class Validator {
    private static final Set<String> TOP = Set.of("resources", "tasks", "attributes", "version");
    private static final List<String> TOP_ORDER = List.of("resources", "tasks", "attributes", "version");
    private static final Set<String> RANGE_KEYS = Set.of("min", "max", "operand", "operator");
    private static final Set<String> V1_NODE_KEYS = Set.of("type", "count", "with", "unit", "label", "exclusive");
    private static final Set<String> V1_SLOT_KEYS = Set.of("type", "count", "with", "unit", "label", "exclusive");
    private static final Set<String> V1_LEAF_KEYS = Set.of("type", "count", "unit");
    private static final Set<String> V1_TASK_KEYS = Set.of("command", "slot", "count");
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final Pattern IDSET = Pattern.compile("\\[?\\d+(-\\d+)?(,\\d+(-\\d+)?)*]?");

    private final boolean v1;

    private Validator(boolean v1) {
        this.v1 = v1;
    }

    /** Validates a canonical jobspec; version 1 is also held to RFC 25 when {@code v1} is set. */
    static void validate(JsonNode doc, boolean v1) throws FormatException {
        new Validator(v1).top(doc);
    }

    private static FormatException error(String path, String what) {
        return new FormatException(path.isEmpty() ? "jobspec: " + what : "jobspec: " + path + ": " + what);
    }

    /** A value as messages show it: scalars as JSON text (shortened), containers by kind. */
    static String show(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        String s = n.isTextual() ? Json.encode(n) : n.asText();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private void top(JsonNode doc) throws FormatException {
        if (!doc.isObject()) {
            throw error("", "expected a mapping at top level, got " + show(doc));
        }
        for (String key : TOP_ORDER) {
            if (!doc.has(key)) {
                throw error(key, "required key missing");
            }
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!TOP.contains(key)) {
                throw error(key, "unknown key (expected resources, tasks, attributes, version)");
            }
        }
        JsonNode version = doc.get("version");
        if (!version.isIntegralNumber()) {
            throw error("version", "must be an integer, got " + show(version));
        }
        if (version.bigIntegerValue().signum() <= 0) {
            throw error("version", "must be >= 1, got " + show(version));
        }
        boolean strict = v1;
        if (v1 && !version.bigIntegerValue().equals(BigInteger.ONE)) {
            throw error("version", "only version 1 is supported, got " + show(version));
        }
        JsonNode resources = doc.get("resources");
        if (!resources.isArray()) {
            throw error("resources", "must be a list, got " + show(resources));
        }
        for (int i = 0; i < resources.size(); i++) {
            resource(resources.get(i), "resources[" + i + "]");
        }
        JsonNode tasks = doc.get("tasks");
        if (!tasks.isArray()) {
            throw error("tasks", "must be a list, got " + show(tasks));
        }
        for (int i = 0; i < tasks.size(); i++) {
            task(tasks.get(i), "tasks[" + i + "]");
        }
        attributes(doc.get("attributes"));
        if (strict) {
            v1Resources(resources);
            v1Tasks(tasks);
        }
    }

    // RFC 14 resource vertex, recursively through "with".
    private void resource(JsonNode res, String path) throws FormatException {
        if (!res.isObject()) {
            throw error(path, "resource must be a mapping, got " + show(res));
        }
        JsonNode type = res.get("type");
        if (type == null) {
            throw error(path + ".type", "required key missing");
        }
        if (!type.isTextual()) {
            throw error(path + ".type", "must be a string, got " + show(type));
        }
        JsonNode count = res.get("count");
        if (count == null) {
            throw error(path + ".count", "required key missing");
        }
        String t = type.textValue();
        if (count.isObject()) {
            range(count, path + ".count");
        } else if (count.isTextual()) {
            countString(count.textValue(), path + ".count");
        } else if (count.isIntegralNumber()) {
            boolean positive = t.equals("node") || t.equals("slot") || t.equals("core");
            int sign = count.bigIntegerValue().signum();
            if (positive && sign <= 0) {
                throw error(path + ".count", "must be a positive integer, got " + show(count));
            }
            if (sign < 0) {
                throw error(path + ".count", "must be a non-negative integer, got " + show(count));
            }
        } else {
            throw error(path + ".count", "must be an integer, range mapping or string, got " + show(count));
        }
        for (String key : List.of("id", "unit", "label")) {
            JsonNode v = res.get(key);
            if (v != null && !v.isTextual()) {
                throw error(path + "." + key, "must be a string, got " + show(v));
            }
        }
        JsonNode exclusive = res.get("exclusive");
        if (exclusive != null && !exclusive.isBoolean()) {
            throw error(path + ".exclusive", "must be a boolean, got " + show(exclusive));
        }
        if (t.equals("slot") && res.get("label") == null) {
            throw error(path + ".label", "required key missing (a slot must have a label)");
        }
        JsonNode with = res.get("with");
        if (with != null) {
            if (!with.isArray()) {
                throw error(path + ".with", "must be a list, got " + show(with));
            }
            for (int i = 0; i < with.size(); i++) {
                resource(with.get(i), path + ".with[" + i + "]");
            }
        }
    }

    private void range(JsonNode count, String path) throws FormatException {
        if (!count.has("min")) {
            throw error(path + ".min", "required key missing");
        }
        for (Iterator<String> it = count.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!RANGE_KEYS.contains(key)) {
                throw error(path + "." + key, "unknown key (expected min, max, operand, operator)");
            }
        }
        for (String key : List.of("min", "max", "operand")) {
            JsonNode v = count.get(key);
            if (v == null) {
                continue;
            }
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() <= 0) {
                throw error(path + "." + key, "must be a positive integer, got " + show(v));
            }
        }
        BigInteger min = count.get("min").bigIntegerValue();
        if (count.has("max") && count.get("max").bigIntegerValue().compareTo(min) < 0) {
            throw error(path + ".max", "must be >= min, got " + show(count.get("max")));
        }
        if (count.has("operand") != count.has("operator")) {
            throw error(path, "operand and operator must both be given if either is");
        }
        if (count.has("operator")) {
            JsonNode op = count.get("operator");
            if (!op.isTextual() || op.textValue().length() != 1) {
                throw error(path + ".operator", "must be a single character string, got " + show(op));
            }
            String o = op.textValue();
            if (!o.equals("+") && !o.equals("*") && !o.equals("^")) {
                throw error(path + ".operator", "must be one of +, *, ^, got " + show(op));
            }
            if (!o.equals("+") && count.get("operand").bigIntegerValue().compareTo(BigInteger.TWO) < 0) {
                throw error(path + ".operand", "must be > 1 for operator " + o + ", got " + show(count.get("operand")));
            }
            if (o.equals("^") && min.compareTo(BigInteger.TWO) < 0) {
                throw error(path + ".min", "must be > 1 for operator ^, got " + show(count.get("min")));
            }
        }
    }

    // A count string: an idset, or MIN-MAX / MIN+ with optional :OPERAND[:OPERATOR].
    private void countString(String s, String path) throws FormatException {
        if (IDSET.matcher(s).matches() && (s.startsWith("[") == s.endsWith("]"))) {
            return;
        }
        String[] parts = s.split(":", -1);
        if (parts.length > 3 || (!parts[0].contains("-") && !parts[0].contains("+"))) {
            throw error(path, "count string must be a valid idset or range, got " + show(TextNode.valueOf(s)));
        }
        ObjectNode r = Json.object();
        try {
            String min;
            if (parts[0].contains("-")) {
                int dash = parts[0].indexOf('-');
                min = parts[0].substring(0, dash);
                r.put("max", integer(parts[0].substring(dash + 1)));
            } else {
                min = parts[0].replaceAll("\\++$", "");
            }
            r.put("min", integer(min));
            if (parts.length > 1) {
                r.put("operand", integer(parts[1]));
                r.put("operator", "+");
            }
            if (parts.length > 2) {
                r.put("operator", parts[2]);
            }
        } catch (NumberFormatException e) {
            throw error(path, "count string must be a valid idset or range, got "
                    + show(TextNode.valueOf(s)));
        }
        range(r, path);
    }

    private static BigInteger integer(String s) {
        BigInteger v = Py.parseInt(s);
        if (v == null) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    private void task(JsonNode task, String path) throws FormatException {
        if (!task.isObject()) {
            throw error(path, "task must be a mapping, got " + show(task));
        }
        for (String key : List.of("command", "slot", "count")) {
            if (!task.has(key)) {
                throw error(path + "." + key, "required key missing");
            }
        }
        JsonNode command = task.get("command");
        if (!command.isArray()) {
            throw error(path + ".command", "must be a list of strings, got " + show(command));
        }
        if (command.size() == 0) {
            throw error(path + ".command", "must not be empty");
        }
        for (int i = 0; i < command.size(); i++) {
            if (!command.get(i).isTextual()) {
                throw error(path + ".command[" + i + "]", "must be a string, got " + show(command.get(i)));
            }
        }
        JsonNode slot = task.get("slot");
        if (!slot.isTextual()) {
            throw error(path + ".slot", "must be a string, got " + show(slot));
        }
        JsonNode count = task.get("count");
        if (!count.isObject()) {
            throw error(path + ".count", "must be a mapping, got " + show(count));
        }
        if (count.size() != 1) {
            throw error(path + ".count", "must have exactly one of per_slot, per_resource, total, got "
                    + count.size() + " keys");
        }
        String key = count.fieldNames().next();
        JsonNode value = count.get(key);
        switch (key) {
            case "per_slot", "total" -> {
                if (!value.isIntegralNumber() || value.bigIntegerValue().signum() <= 0) {
                    throw error(path + ".count." + key, "must be a positive integer, got " + show(value));
                }
            }
            case "per_resource" -> {
                if (v1) {
                    throw error(path + ".count.per_resource", "not supported in version 1 (use per_slot or total)");
                }
            }
            default -> throw error(path + ".count." + key, "unknown key (expected per_slot, per_resource or total)");
        }
        JsonNode attributes = task.get("attributes");
        if (attributes != null && !attributes.isObject()) {
            throw error(path + ".attributes", "must be a mapping, got " + show(attributes));
        }
    }

    private void attributes(JsonNode attrs) throws FormatException {
        if (!attrs.isObject()) {
            throw error("attributes", "must be a mapping, got " + show(attrs));
        }
        for (Map.Entry<String, JsonNode> e : attrs.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (!key.equals("system") && !key.equals("user")) {
                throw error("attributes." + key, "unknown section (expected system or user)");
            }
            if (!value.isObject()) {
                throw error("attributes." + key, "must be a mapping, got " + show(value));
            }
            if (v1 && value.size() == 0) {
                throw error("attributes." + key, "if present, must contain values");
            }
        }
        JsonNode system = attrs.get("system");
        if (system == null) {
            if (v1) {
                throw error("attributes.system", "required key missing");
            }
            return;
        }
        system(system);
    }

    private void system(JsonNode system) throws FormatException {
        JsonNode duration = system.get("duration");
        if (duration == null) {
            if (v1) {
                throw error("attributes.system.duration", "required key missing");
            }
        } else {
            if (!duration.isNumber()) {
                throw error("attributes.system.duration", "must be a number, got " + show(duration));
            }
            double d = duration.doubleValue();
            if (!Double.isFinite(d) || d < 0) {
                throw error("attributes.system.duration", "must be a finite number >= 0, got " + show(duration));
            }
        }
        for (String key : List.of("environment", "constraints")) {
            JsonNode v = system.get(key);
            if (v != null && !v.isObject()) {
                throw error("attributes.system." + key, "must be a mapping, got " + show(v));
            }
        }
        for (String key : List.of("cwd", "queue")) {
            JsonNode v = system.get(key);
            if (v != null && !v.isTextual()) {
                throw error("attributes.system." + key, "must be a string, got " + show(v));
            }
        }
        JsonNode environment = system.get("environment");
        if (environment != null) {
            for (Map.Entry<String, JsonNode> e : environment.properties()) {
                if (!e.getValue().isTextual()) {
                    throw error("attributes.system.environment." + e.getKey(), "must be a string, got " + show(e.getValue()));
                }
            }
        }
        JsonNode deps = system.get("dependencies");
        if (deps != null) {
            if (!deps.isArray()) {
                throw error("attributes.system.dependencies", "must be a list, got " + show(deps));
            }
            for (int i = 0; i < deps.size(); i++) {
                String p = "attributes.system.dependencies[" + i + "]";
                JsonNode dep = deps.get(i);
                if (!dep.isObject()) {
                    throw error(p, "must be a mapping, got " + show(dep));
                }
                for (String key : List.of("scheme", "value")) {
                    JsonNode v = dep.get(key);
                    if (v == null) {
                        throw error(p + "." + key, "required key missing");
                    }
                    if (!v.isTextual()) {
                        throw error(p + "." + key, "must be a string, got " + show(v));
                    }
                }
            }
        }
        JsonNode constraints = system.get("constraints");
        if (constraints != null) {
            constraint(constraints, "attributes.system.constraints");
        }
        JsonNode shell = system.get("shell");
        if (shell != null) {
            if (!shell.isObject()) {
                throw error("attributes.system.shell", "must be a mapping, got " + show(shell));
            }
            JsonNode options = shell.get("options");
            if (options != null && !options.isObject()) {
                throw error("attributes.system.shell.options", "must be a mapping, got " + show(options));
            }
        }
    }

    // RFC 31 constraint object.
    private void constraint(JsonNode c, String path) throws FormatException {
        if (!c.isObject()) {
            throw error(path, "constraint must be a mapping, got " + show(c));
        }
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            String op = e.getKey();
            JsonNode args = e.getValue();
            String p = path + "." + op;
            if (!List.of("and", "or", "not", "properties", "hostlist", "ranks").contains(op)) {
                throw error(p, "unknown constraint operator");
            }
            if (!args.isArray()) {
                throw error(p, "argument must be a list, got " + show(args));
            }
            for (int i = 0; i < args.size(); i++) {
                JsonNode a = args.get(i);
                String pi = p + "[" + i + "]";
                switch (op) {
                    case "and", "or", "not" -> constraint(a, pi);
                    case "properties" -> {
                        if (!a.isTextual()) {
                            throw error(pi, "must be a string, got " + show(a));
                        }
                        if (a.textValue().chars().anyMatch(ch -> "&'\"`|()".indexOf(ch) >= 0)) {
                            throw error(pi, "invalid character in property " + show(a));
                        }
                    }
                    case "ranks" -> {
                        if (!a.isTextual() || !(a.textValue().isEmpty() || IDSET.matcher(a.textValue()).matches())) {
                            throw error(pi, "must be an idset string, got " + show(a));
                        }
                    }
                    default -> {
                        if (!a.isTextual()) {
                            throw error(pi, "must be a string, got " + show(a));
                        }
                    }
                }
            }
        }
    }

    // RFC 25 resource graph: node>slot>core[,gpu] or slot>core[,gpu], single counts.
    private void v1Resources(JsonNode resources) throws FormatException {
        if (resources.size() != 1) {
            throw error("resources", "must contain exactly one resource in version 1, got " + resources.size());
        }
        JsonNode top = resources.get(0);
        String type = top.get("type").textValue();
        switch (type) {
            case "node" -> {
                v1Vertex(top, "resources[0]", V1_NODE_KEYS);
                JsonNode with = v1With(top, "resources[0]", 1, 1);
                JsonNode slot = with.get(0);
                if (!slot.get("type").textValue().equals("slot")) {
                    throw error("resources[0].with[0].type", "must be slot in version 1, got " + show(slot.get("type")));
                }
                v1Slot(slot, "resources[0].with[0]");
            }
            case "slot" -> v1Slot(top, "resources[0]");
            default -> throw error("resources[0].type", "must be node or slot in version 1, got " + show(top.get("type")));
        }
    }

    private void v1Slot(JsonNode slot, String path) throws FormatException {
        v1Vertex(slot, path, V1_SLOT_KEYS);
        JsonNode with = v1With(slot, path, 1, 2);
        boolean core = false;
        boolean gpu = false;
        for (int i = 0; i < with.size(); i++) {
            JsonNode leaf = with.get(i);
            String p = path + ".with[" + i + "]";
            v1Vertex(leaf, p, V1_LEAF_KEYS);
            String t = leaf.get("type").textValue();
            if (t.equals("core") && !core) {
                core = true;
            } else if (t.equals("gpu") && !gpu) {
                gpu = true;
            } else if (t.equals("core") || t.equals("gpu")) {
                throw error(p + ".type", "duplicate " + t + " in slot");
            } else {
                throw error(p + ".type", "must be core or gpu in version 1, got " + show(leaf.get("type")));
            }
        }
        if (!core) {
            throw error(path + ".with", "must contain a core resource in version 1");
        }
    }

    private void v1Vertex(JsonNode v, String path, Set<String> allowed) throws FormatException {
        for (Iterator<String> it = v.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path + "." + key, "key not allowed in version 1 " + v.get("type").textValue() + " resource");
            }
        }
        JsonNode count = v.get("count");
        if (!count.isIntegralNumber()) {
            throw error(path + ".count", "must be an integer in version 1, got " + show(count));
        }
        BigInteger n = count.bigIntegerValue();
        boolean gpu = v.get("type").textValue().equals("gpu");
        if (n.signum() < 0 || (!gpu && n.signum() == 0)) {
            throw error(path + ".count", "must be a " + (gpu ? "non-negative" : "positive") + " integer, got " + show(count));
        }
        if (n.compareTo(INT_MAX) > 0) {
            throw error(path + ".count", "must be at most " + INT_MAX + ", got " + show(count));
        }
    }

    private JsonNode v1With(JsonNode v, String path, int min, int max) throws FormatException {
        JsonNode with = v.get("with");
        if (with == null) {
            throw error(path + ".with", "required key missing");
        }
        if (with.size() < min || with.size() > max) {
            throw error(path + ".with", "must have " + (min == max ? "exactly " + min : min + " to " + max)
                    + " element" + (max == 1 ? "" : "s") + " in version 1, got " + with.size());
        }
        return with;
    }

    private void v1Tasks(JsonNode tasks) throws FormatException {
        if (tasks.size() != 1) {
            throw error("tasks", "must contain exactly one task in version 1, got " + tasks.size());
        }
        JsonNode task = tasks.get(0);
        for (Iterator<String> it = task.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!V1_TASK_KEYS.contains(key)) {
                throw error("tasks[0]." + key, "key not allowed in version 1 task");
            }
        }
        JsonNode count = task.get("count");
        String key = count.fieldNames().next();
        if (count.get(key).bigIntegerValue().compareTo(INT_MAX) > 0) {
            throw error("tasks[0].count." + key, "must be at most " + INT_MAX + ", got " + show(count.get(key)));
        }
    }
}
