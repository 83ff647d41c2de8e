package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads the broker configuration as flux-broker(1) {@code --config-path} says: a directory's
 * every {@code *.toml} file (in name order) merged, or one file (JSON if it ends in
 * {@code .json}, else TOML). A key set by two files is an error naming both, as flux-core's
 * conf.c refuses it.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    static ObjectNode load(String configPath) throws FormatException {
        ObjectNode conf = Json.object();
        if (configPath == null || configPath.isEmpty()) {
            return conf;
        }
        Path path = Path.of(configPath);
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().toList();
                }
                for (Path f : files) {
                    merge(conf, readToml(f), f, "");
                }
            } else if (path.toString().endsWith(".json")) {
                merge(conf, Json.parseObject(Files.readString(path), path.toString()), path, "");
            } else {
                merge(conf, readToml(path), path, "");
            }
        } catch (IOException e) {
            throw new FormatException(path + ": " + e.getMessage());
        }
        return conf;
    }

    private static ObjectNode readToml(Path file) throws IOException, FormatException {
        TomlParseResult r = Toml.parse(file);
        if (r.hasErrors()) {
            var e = r.errors().get(0);
            throw new FormatException(file + ":" + e.position().line() + ": " + e.getMessage());
        }
        return table(r);
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
        }
        if (v instanceof TomlArray a) {
            ArrayNode arr = Json.mapper().createArrayNode();
            for (int i = 0; i < a.size(); i++) {
                arr.add(value(a.get(i)));
            }
            return arr;
        }
        if (v instanceof Long l) {
            return Json.mapper().getNodeFactory().numberNode(l);
        }
        if (v instanceof Double d) {
            return Json.mapper().getNodeFactory().numberNode(d);
        }
        if (v instanceof Boolean b) {
            return Json.mapper().getNodeFactory().booleanNode(b);
        }
        return Json.mapper().getNodeFactory().textNode(String.valueOf(v));
    }

    private static void merge(ObjectNode into, ObjectNode from, Path file, String prefix) throws FormatException {
        var it = from.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old == null) {
                into.set(e.getKey(), e.getValue());
            } else if (old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, (ObjectNode) e.getValue(), file, prefix + e.getKey() + ".");
            } else {
                throw new FormatException(file + ": " + prefix + e.getKey() + " is already set");
            }
        }
    }
}
