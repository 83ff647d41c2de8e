package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config get [-t TYPE] [-d VAL] [-q] [NAME]}: the configuration object, or the
 * value at a period-delimited NAME; strings print bare, the rest as compact JSON.
 */
@Command(name = "get", description = "Query broker configuration values.")
final class ConfigGetCommand extends FluxCommand {

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "Set expected type (any, string, integer, real, boolean, object, array).")
    String type = "any";

    @Option(names = {"-q", "--quiet"}, description = "Suppress printing of errors if value is not set.")
    boolean quiet;

    @Option(names = {"-d", "--default"}, paramLabel = "VAL", description = "Use this value if NAME is not set.")
    String dflt;

    @Parameters(paramLabel = "NAME", arity = "0..1")
    String name;

    @Override
    public Integer call() {
        if (!java.util.List.of("any", "string", "integer", "real", "boolean", "object", "array").contains(type)) {
            throw fail("Unknown type: %s", type);
        }
        JsonNode o = rpc("Error fetching config object", "config.get", null);
        if (name != null) {
            for (String part : name.split("\\.")) {
                o = o == null ? null : o.get(part);
            }
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
        if (!matches(o)) {
            throw fail("%s does not have the requested type", name != null ? name : "value");
        }
        out().println(o.isTextual() ? o.asText() : Json.encode(o));
        return 0;
    }

    private boolean matches(JsonNode o) {
        return switch (type) {
            case "string" -> o.isTextual();
            case "integer" -> o.isIntegralNumber();
            case "real" -> o.isFloatingPointNumber();
            case "boolean" -> o.isBoolean();
            case "object" -> o.isObject();
            case "array" -> o.isArray();
            default -> true;
        };
    }
}
