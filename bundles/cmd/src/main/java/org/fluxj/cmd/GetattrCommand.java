package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.client.FluxException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
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

    /** The attribute's value, or null if it is not set (ENOENT); other failures end the command. */
    static String find(FluxCommand cmd, String name) {
        try {
            return cmd.handle().rpcGetJson("attr.get", Json.object().put("name", name), Message.NODEID_ANY)
                    .path("value").asText(null);
        } catch (FluxException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw new CommandException(name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CommandException(name + ": " + e.getMessage());
        }
    }
}
