package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config load [PATH]}: replaces the configuration on rank 0 with the JSON or TOML
 * on standard input, or with PATH's {@code *.toml} files (or PATH itself, a file).
 */
@Command(name = "load", description = "Load broker configuration from stdin or PATH.",
        customSynopsis = "flux config load [PATH]")
final class ConfigLoadCommand extends AbstractConfigCommand {

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "A config directory or file (default: stdin).")
    String path;

    @Override
    public Integer call() {
        ObjectNode conf;
        if (path != null) {
            try {
                conf = Conf.load(Path.of(path));
            } catch (FormatException e) {
                throw fail("Error parsing config: %s", e.getMessage());
            }
        } else {
            String text;
            try {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw fail("error reading stdin: %s", e.getMessage());
            }
            try {
                conf = Conf.parseText(text, "stdin");
            } catch (FormatException e) {
                throw fail("TOML parse error: %s", e.getMessage());
            }
        }
        loadConfig("load", conf);
        return 0;
    }
}
