package org.fluxj.cmd.r;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.rset.ResourceConfig;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux R parse-config PATH}: R from the {@code [resource]} table of the configuration
 * in PATH (a directory of *.toml files or one file): {@code resource.config}, or the R file
 * named by {@code resource.path}; {@code resource.scheduling} names a JSON file to add as the
 * scheduling key.
 */
@Command(name = "parse-config", description = "Read config from resource.config array")
final class RParseConfigCommand extends AbstractCommand {

    @Parameters(paramLabel = "PATH", description = "A configuration directory or file.")
    Path path;

    @Override
    public Integer call() throws IOException {
        ObjectNode conf = Json.object();
        String source = path.toString();
        if (!Files.exists(path)) {
            throw fail("flux_conf_parse: stat: %s: No such file or directory", path);
        }
        try {
            if (Files.isDirectory(path)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".toml")).sorted().forEach(files::add);
                }
                for (Path f : files) {
                    ObjectNode o = Conf.parseToml(Files.readString(f, StandardCharsets.UTF_8), f.toString());
                    JsonNode r = o.get("resource");
                    if (r != null && r.has("config")) {
                        source = f.toString();
                    }
                    Conf.update(conf, o);
                }
            } else if (path.toString().endsWith(".json")) {
                conf = Json.parseObject(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            } else {
                conf = Conf.parseToml(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            }
        } catch (FormatException e) {
            throw fail("flux_conf_parse: %s", e.getMessage());
        }
        JsonNode resource = conf.get("resource");
        if (resource == null) {
            throw fail("Config file error: Object item not present: resource");
        }
        if (!resource.isObject()) {
            throw fail("Config file error: resource: Expected object, got %s", Json.typeName(resource));
        }
        JsonNode config = resource.get("config");
        String rpath = string(resource, "path");
        String scheduling = string(resource, "scheduling");
        ResourceSet rl;
        try {
            if (config == null) {
                if (rpath == null) {
                    throw fail("Config file error: resource.config or resource.path must be defined");
                }
                rl = ResourceSet.parse(read(rpath));
            } else {
                rl = ResourceConfig.fromJson(config, source);
            }
        } catch (FormatException e) {
            throw fail("%s", config == null ? rpath + ": " + e.getMessage().replaceFirst("^R: ", "") : e.getMessage());
        }
        if (scheduling != null) {
            try {
                rl = rl.withScheduling(Json.parse(read(scheduling), "resource.scheduling: " + scheduling));
            } catch (FormatException e) {
                throw fail("%s", e.getMessage());
            }
        }
        RInput.puts(out(), rl);
        return 0;
    }

    private String read(String file) throws FormatException, IOException {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException("unable to open file " + file + ": No such file or directory");
        }
    }

    private String string(JsonNode resource, String key) {
        JsonNode v = resource.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw fail("Config file error: resource.%s: Expected string, got %s", key, Json.typeName(v));
        }
        return v.textValue();
    }
}
