package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.conf.ConfBuiltin;
import org.fluxj.formats.conf.JsonPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config get [-c PATH] [-t TYPE] [-d VAL] [-q] [NAME]}: the configuration object of
 * the broker (or read from PATH), or the value at a period-delimited NAME; strings print bare,
 * the rest as compact JSON.
 */
@Command(name = "get", description = "Query broker configuration values.",
        customSynopsis = "flux config get [OPTIONS] [NAME]")
final class ConfigGetCommand extends AbstractConfigCommand {

    @Option(names = {"-c", "--config-path"}, paramLabel = "PATH|system|security|imp",
            description = "Get broker config from PATH (default: use live config).")
    String configPath;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Set expected type (any, string, integer,"
            + " real, boolean, object, array, fsd, fsd-integer, fsd-real).")
    String type = "any";

    @Option(names = {"-q", "--quiet"}, description = "Suppress printing of \"[key] is not set\" errors.")
    boolean quiet;

    @Option(names = {"-d", "--default"}, paramLabel = "VAL", description = "Use this value if config key is unset.")
    String dflt;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A period-delimited key (default: the whole object).")
    String name;

    @Override
    public Integer call() throws FormatException {
        JsonNode o = configPath != null ? fromFiles(configPath) : fetchConfig();
        ConfigType want = ConfigType.named(type);
        if (want == null) {
            throw fail("Unknown type: %s", type);
        }
        if (name != null) {
            o = JsonPath.get(o, name);
            if (o == null) {
                if (dflt != null) {
                    out().println(dflt);
                    return 0;
                }
                if (quiet) {
                    return 1;
                }
                throw fail("%s is not set", name);
            }
        }
        String text = want.print(o);
        if (text == null) {
            throw fail("%s does not have the requested type", name != null ? name : "value");
        }
        out().println(text);
        return 0;
    }

    /** flux_conf_parse of PATH; system, security and imp name the installed config directories. */
    private static JsonNode fromFiles(String path) throws FormatException {
        if (Set.of("system", "security", "imp").contains(path)) {
            path = ConfBuiltin.get("confdir", ConfBuiltin.Hint.INSTALLED, null) + "/" + path + "/conf.d";
        }
        return Conf.load(Path.of(path));
    }
}
