package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.json.Json;

/**
 * Reads the broker configuration as flux-broker(1) {@code --config-path} says: a directory's
 * every {@code *.toml} file (in name order) merged, or one file (JSON if it ends in
 * {@code .json}, else TOML); see {@link Conf}.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    static ObjectNode load(String configPath) throws FormatException {
        if (configPath == null || configPath.isEmpty()) {
            return Json.object();
        }
        return Conf.load(Path.of(configPath));
    }
}
