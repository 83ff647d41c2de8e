package org.fluxj.cmd.attr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux setattr [-f] NAME VALUE} (flux-core builtin/attr.c). */
@Command(name = "setattr", description = "Set broker attribute.")
public final class SetattrCommand extends AbstractCommand {

    @Option(names = {"-f", "--force"}, description = "Force update of attribute that doesn't support runtime changes.")
    boolean force;

    @Parameters(index = "0", paramLabel = "name")
    String name;

    @Parameters(index = "1", paramLabel = "value")
    String value;

    @Override
    public Integer call() {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("value", value);
        if (force) {
            o.put("force", true);
        }
        rpcNoPayload(name, "attr.set", o);
        return 0;
    }
}
