package org.fluxj.cmd.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The targets, reason and mode options drain and undrain share, and the request they make. */
abstract class AbstractDrainCommand extends AbstractResourceCommand {
    @Option(names = {"-f", "--force"},
            description = "Force overwrite of existing drain reason; twice also updates the timestamp")
    boolean[] force = new boolean[0];

    @Option(names = {"-u", "--update"}, description = "Update only: do not fail on ranks already (un)drained")
    boolean update;

    @Parameters(index = "1..*", paramLabel = "REASON", description = "Reason")
    List<String> reason;

    /** Sends the request to rank 0; its response has no payload. */
    void request(String topic, String targets) throws IOException {
        Rpc.await(handle().rpc(topic, payload(targets), 0));
    }

    /** {targets, mode?, reason?}, as flux-resource.py builds it. */
    ObjectNode payload(String targets) {
        if (update && force.length > 0) {
            throw new CommandException("ERROR: Only one of --force and --update may be specified");
        }
        ObjectNode o = Json.object();
        o.put("targets", targets);
        if (update) {
            o.put("mode", "update");
        } else if (force.length == 1) {
            o.put("mode", "overwrite");
        } else if (force.length >= 2) {
            o.put("mode", "force-overwrite");
        }
        if (reason != null && !reason.isEmpty()) {
            o.put("reason", String.join(" ", reason));
        }
        return o;
    }
}
