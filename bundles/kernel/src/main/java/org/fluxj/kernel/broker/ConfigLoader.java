package org.fluxj.kernel.broker;

import java.nio.file.Path;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;

/**
 * Reads the broker configuration as flux-broker(1) {@code --config-path} says: a directory's
 * every {@code *.toml} file (in name order) merged, or one file (JSON if it ends in
 * {@code .json}, else TOML); see {@link Conf}.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The configuration, with the file each key came from (to name it when a key is refused). */
    static Conf.Loaded load(String configPath) throws FormatException {
        if (configPath == null || configPath.isEmpty()) {
            return Conf.Loaded.empty();
        }
        return Conf.read(Path.of(configPath));
    }
}
