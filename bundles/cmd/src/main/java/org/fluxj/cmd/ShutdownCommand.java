package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux shutdown}: asks the instance to leave the run state and prints its log lines
 * (at or below info, warning with --quiet, debug with -v) until it says goodbye.
 */
@Command(name = "shutdown", description = "Shut down the Flux instance.")
final class ShutdownCommand extends FluxCommand {

    @Option(names = "--quiet", description = "Show only log messages <= LOG_WARNING level.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", paramLabel = "LEVEL", fallbackValue = "1",
            description = "Increase log verbosity: 0=info (default), 1=debug.")
    Integer verbose;

    @Option(names = "--background", description = "Exit the command immediately after initiating shutdown.")
    boolean background;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to any yes/no questions.")
    boolean yes;

    @Option(names = {"-n", "--no"}, description = "Answer no to any yes/no questions.")
    boolean no;

    @Option(names = "--skip-gc", description = "Skip KVS garbage collection.")
    boolean skipGc;

    @Option(names = "--gc", description = "Garbage collect KVS (default if configured).")
    boolean gc;

    @Override
    public Integer call() throws IOException {
        ObjectNode o = Json.object();
        o.put("loglevel", quiet ? 4 : verbose == null || verbose == 0 ? 6 : 7);
        if (background) {
            rpcNoPayload("shutdown.start", "shutdown.start", o);
            return 0;
        }
        StreamingRpc s = handle().rpcStreaming("shutdown.start", o, Message.NODEID_ANY);
        try {
            for (Message m = s.next(); m != null; m = s.next()) {
                err().print(m.payloadObject().path("log").asText());
                err().flush();
            }
        } catch (IOException | FormatException e) {
            if (e.getMessage() != null && e.getMessage().contains("closed the connection")) {
                return 0; // the broker went away before its goodbye reached us
            }
            throw fail("%s", e.getMessage());
        }
        return 0;
    }
}
