package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux getattr NAME}: prints a broker attribute (flux-core builtin/attr.c). */
@Command(name = "getattr", description = "Get broker attribute.")
final class GetattrCommand extends FluxCommand {

    @Parameters(paramLabel = "name", description = "The attribute.")
    String name;

    @Override
    public Integer call() {
        out().println(get(this, name));
        return 0;
    }

    /** The attribute's value, as flux_attr_get; a failure ends the command with "NAME: reason". */
    static String get(FluxCommand cmd, String name) {
        ObjectNode o = Json.object();
        o.put("name", name);
        return cmd.rpc(name, "attr.get", o).path("value").asText();
    }
}
