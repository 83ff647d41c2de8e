package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Argparse;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Option;

/** The options every subcommand takes. */
abstract class AbstractSprocCommand extends AbstractCommand implements Argparse {
    @Option(names = {"-r", "--rank"}, paramLabel = "RANK", description = "Send RPC to specified broker rank")
    int rank = Message.NODEID_ANY;

    @Option(names = {"-s", "--service"}, paramLabel = "NAME",
            description = "Send RPC to specified service (default rexec)")
    String service = "rexec";

    /** {"pid": N} or {"pid": -1, "label": L}, as flux.subprocess builds them. */
    static ObjectNode target(String arg) {
        ObjectNode o = Json.object();
        try {
            o.put("pid", Integer.parseInt(arg));
        } catch (NumberFormatException e) {
            o.put("pid", -1);
            o.put("label", arg);
        }
        return o;
    }

    CompletableFuture<Message> waitRpc(String pid) {
        return handle().rpc(service + ".wait", target(pid), rank);
    }

    static CommandException failed(String what, Exception e) {
        return new CommandException(what + ": " + e.getMessage());
    }
}
