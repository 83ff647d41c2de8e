package org.fluxj.formats.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A Flux configuration as one JSON object, read as flux-core's {@code flux_conf_parse} reads
 * it: every {@code *.toml} file of a directory in name order, or a single file (JSON if its
 * name ends in {@code .json}), each merged into the result recursively (tables merge, a later
 * value replaces an earlier one). Errors name the file and, for TOML, the line.
 */
public final class Conf {
    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private Conf() {
    }

    /** The configuration at {@code path}: a directory of {@code *.toml} files, or one file. */
    public static ObjectNode load(Path path) throws FormatException {
        return read(path).config();
    }

    /** {@link #load}, with the file each table and key came from. */
    public static Loaded read(Path path) throws FormatException {
        ObjectNode conf = Json.object();
        Map<String, String> origins = new HashMap<>();
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().toList();
                }
                for (Path f : files) {
                    ObjectNode o = parseToml(Files.readString(f, StandardCharsets.UTF_8), f.toString());
                    update(conf, o);
                    recordOrigins(o, "", f.toString(), origins);
                }
            } else {
                String text = Files.readString(path, StandardCharsets.UTF_8);
                boolean json = path.getFileName() != null && path.getFileName().toString().endsWith(".json");
                ObjectNode o = json ? Json.parseObject(text, path.toString()) : parseToml(text, path.toString());
                update(conf, o);
                recordOrigins(o, "", path.toString(), origins);
            }
        } catch (NoSuchFileException e) {
            throw new FormatException(name(path) + ": No such file or directory");
        } catch (IOException e) {
            throw new FormatException(name(path) + ": "
                    + FormatException.oneLine(e.getMessage()));
        }
        return new Loaded(conf, origins);
    }

    /** Every table and key of {@code o} (dotted, under {@code prefix}) as set by {@code file}. */
    private static void recordOrigins(ObjectNode o, String prefix, String file, Map<String, String> origins) {
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String key = prefix + e.getKey();
            origins.put(key, file);
            if (e.getValue() instanceof ObjectNode table) {
                recordOrigins(table, key + ".", file, origins);
            }
        }
    }

    /**
     * A configuration as read, and for each table and key (dotted: {@code kvs.checkpoint-period})
     * the file that set it last, so that a refused value can be traced to its file.
     */
    public record Loaded(ObjectNode config, Map<String, String> origins) {
        /** No configuration at all. */
        public static Loaded empty() {
            return new Loaded(Json.object(), Map.of());
        }

        public Loaded {
            origins = Map.copyOf(origins);
        }

        /** The file that set {@code key}, or the nearest table around it; null if none did. */
        public String fileOf(String key) {
            for (String k = key; !k.isEmpty(); k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "") {
                String f = origins.get(k);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }

        /** A refused key as one line: {@code FILE: KEY: PROBLEM} (no FILE when no file set it). */
        public String describe(ConfigKeyException e) {
            String file = fileOf(e.key());
            return (file != null ? file + ": " : "") + e.key() + ": " + e.getMessage();
        }

        /** A module's refusal as one line: {@link #describe} for a refused key, else its message. */
        public String explain(Throwable refusal) {
            Throwable t = refusal;
            while (t.getCause() != null && !(t instanceof ConfigKeyException) && t.getCause() != t) {
                t = t.getCause();
            }
            return t instanceof ConfigKeyException k ? describe(k) : refusal.getMessage();
        }
    }

    /** A path as an error names it: whole, with control characters (which would break the line) as '?'. */
    private static String name(Path path) {
        return path.toString().replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Merges one {@code --conf} value into {@code conf}, as flux-core's flux_conf_update reads it:
     * text with a newline is inline TOML (or JSON if it starts with '{'); {@code {...}} is inline
     * JSON; {@code KEY=VAL} sets a dotted key to VAL as JSON, else as a string; anything else
     * names a file (JSON if it ends in {@code .json}, else TOML).
     */
    public static void update(ObjectNode conf, String value) throws FormatException {
        if (value.indexOf('\n') >= 0 || value.startsWith("{")) {
            update(conf, parseText(value, "inline"));
        } else if (value.indexOf('=') >= 0) {
            int eq = value.indexOf('=');
            if (eq == 0) {
                throw new FormatException("value must have a key in KEY=VAL");
            }
            JsonNode v;
            try {
                v = Json.parse(value.substring(eq + 1), "value");
            } catch (FormatException e) {
                v = NODES.textNode(value.substring(eq + 1));
            }
            JsonPath.set(conf, value.substring(0, eq), v);
        } else {
            Path file;
            try {
                file = Path.of(value);
            } catch (InvalidPathException e) {
                throw new FormatException(FormatException.printable(value) + ": invalid path");
            }
            if (Files.isDirectory(file)) {
                throw new FormatException(FormatException.printable(value) + ": Is a directory");
            }
            update(conf, load(file));
        }
    }

    /**
     * A configuration given as text (flux config load's standard input): a JSON object if the
     * text starts with '{' (after white space), else TOML; empty text is an empty object.
     */
    public static ObjectNode parseText(String text, String source) throws FormatException {
        if (text.strip().startsWith("{")) {
            return Json.parseObject(text, source);
        }
        return parseToml(text, source);
    }

    /**
     * A TOML document as the JSON object flux-core makes of it: tables become objects, arrays
     * arrays, dates and times their TOML text. {@code source} names the document in errors.
     */
    public static ObjectNode parseToml(String toml, String source) throws FormatException {
        TomlParseResult r;
        try {
            r = Toml.parse(toml);
        } catch (RuntimeException e) {
            throw new FormatException(source + ": " + FormatException.oneLine(e.getMessage()));
        }
        if (r.hasErrors()) {
            TomlParseError e = r.errors().get(0);
            throw new FormatException(source + ":" + e.position().line() + ": " + FormatException.oneLine(e.getMessage()));
        }
        return table(r);
    }

    /** Merges {@code update} into {@code base}: tables recursively, other values replaced. */
    public static void update(ObjectNode base, ObjectNode update) {
        for (Map.Entry<String, JsonNode> e : update.properties()) {
            JsonNode have = base.get(e.getKey());
            if (have instanceof ObjectNode ho && e.getValue() instanceof ObjectNode uo) {
                update(ho, uo);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static ObjectNode table(TomlTable t) {
        ObjectNode o = Json.object();
        for (String key : t.keySet()) {
            o.set(key, value(t.get(List.of(key))));
        }
        return o;
    }

    private static JsonNode value(Object v) {
        if (v instanceof TomlTable t) {
            return table(t);
        } else if (v instanceof TomlArray a) {
            ArrayNode arr = Json.array();
            for (int i = 0; i < a.size(); i++) {
                arr.add(value(a.get(i)));
            }
            return arr;
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(String.valueOf(v));
    }
}
