package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.JsonPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config set [-t TYPE] NAME VALUE}: fetches the configuration, sets NAME (a
 * period-delimited key) to VALUE, and loads the result on rank 0. Without --type, VALUE takes
 * the type of the value NAME has.
 */
@Command(name = "set", description = "Set broker configuration value.",
        customSynopsis = "flux config set [OPTIONS] NAME VALUE")
final class ConfigSetCommand extends AbstractConfigCommand {

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "Specify type (string, integer, real, boolean, object, array, fsd).")
    String type;

    @Parameters(index = "0", paramLabel = "NAME", description = "A period-delimited key.")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The new value.")
    String value;

    @Override
    public Integer call() throws FormatException {
        ConfigType t = null;
        if (type != null) {
            t = ConfigType.named(type);
            if (t == null) {
                throw fail("Unknown type: %s", type);
            }
            if (t == ConfigType.FSD_INTEGER || t == ConfigType.FSD_REAL) {
                throw fail("Invalid type for the set subcommand: %s", type);
            }
        }
        ObjectNode conf = fetchConfig();
        if (t == null) {
            JsonNode old = JsonPath.get(conf, name);
            if (old == null) {
                throw fail("Type is unknown, please specify --type");
            }
            t = ConfigType.of(old);
        }
        JsonNode v = t.parse(value);
        try {
            JsonPath.set(conf, name, v);
        } catch (FormatException e) {
            throw fail("Error updating config object: %s", e.getMessage());
        }
        loadConfig("Error updating config object", conf);
        return 0;
    }
}
