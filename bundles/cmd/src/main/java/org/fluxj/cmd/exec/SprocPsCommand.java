package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.fluxj.cmd.PyFormat;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux sproc ps}: pid, state (R running, Z zombie), label, command. */
@Command(name = "ps", description = "List active and zombie subprocesses.")
final class SprocPsCommand extends AbstractSprocCommand {
    private static final Map<String, String> HEADINGS = Map.of(
            "pid", "PID", "state", "ST", "label", "LABEL", "rank", "RANK", "cmd", "COMMAND");

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT",
            description = "Specify output format using Python's string format syntax")
    String format = "{pid:>9} {state:<2} {label:<12} {cmd}";

    @Option(names = {"-n", "--no-header"}, description = "Suppress header output")
    boolean noHeader;

    @Override
    public Integer call() {
        PyFormat fmt = PyFormat.parse(format, HEADINGS.keySet());
        JsonNode resp;
        try {
            resp = handle().rpcGetJson(service + ".list", Json.object(), rank);
        } catch (IOException e) {
            throw failed("ps", e);
        }
        if (!noHeader) {
            out().println(fmt.header(HEADINGS));
        }
        for (JsonNode p : resp.path("procs")) {
            String label = p.path("label").asText();
            out().println(fmt.format(Map.of(
                    "pid", p.path("pid").asInt(),
                    "state", p.path("state").asText(),
                    "label", label.isEmpty() ? "-" : label,
                    "rank", resp.path("rank").asInt(),
                    "cmd", p.path("cmd").asText())));
        }
        return 0;
    }
}
