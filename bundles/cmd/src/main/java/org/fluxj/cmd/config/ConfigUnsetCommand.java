package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.JsonPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config unset NAME}: fetches the configuration, removes NAME (a period-delimited
 * key; one that is not set is no error), and loads the result on rank 0.
 */
@Command(name = "unset", description = "Unset broker configuration value.", customSynopsis = "flux config unset NAME")
final class ConfigUnsetCommand extends AbstractConfigCommand {

    @Parameters(paramLabel = "NAME", description = "A period-delimited key.")
    String name;

    @Override
    public Integer call() {
        ObjectNode conf = fetchConfig();
        try {
            JsonPath.delete(conf, name);
        } catch (FormatException e) {
            throw fail("Error deleting %s from config object: %s", name, e.getMessage());
        }
        loadConfig("Error updating config object", conf);
        return 0;
    }
}
