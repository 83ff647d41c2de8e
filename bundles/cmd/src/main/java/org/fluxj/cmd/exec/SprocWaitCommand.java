package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fluxj.client.Rpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.proc.WaitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux sproc wait [-o] PID|LABEL}: the exit status of a waitable process. */
@Command(name = "wait", description = "Wait for a waitable subprocess to complete.")
final class SprocWaitCommand extends AbstractSprocCommand {
    @Option(names = {"-o", "--output"},
            description = "write any output retained by the server to stdout/stderr")
    boolean output;

    @picocli.CommandLine.Parameters(paramLabel = "pid")
    String pid;

    @Override
    public Integer call() {
        JsonNode resp;
        try {
            resp = Rpc.await(waitRpc(pid)).payloadObject();
        } catch (IOException | FormatException e) {
            throw failed("wait", e);
        }
        if (output) {
            printOutput(resp.path("output"));
        }
        return WaitStatus.shellCode(resp.path("status").asInt());
    }

    /** print_output: each retained I/O object to stdout or stderr by its stream. */
    private void printOutput(JsonNode objects) {
        out().flush();
        for (JsonNode io : objects) {
            JsonNode d = io.get("data");
            if (d == null || !d.isTextual()) {
                continue;
            }
            byte[] data = "base64".equals(io.path("encoding").asText(null))
                    ? Base64.getDecoder().decode(d.textValue())
                    : d.textValue().getBytes(StandardCharsets.UTF_8);
            PrintStream s = io.path("stream").asText().equals("stdout") ? System.out : System.err;
            s.write(data, 0, data.length);
            s.flush();
        }
    }
}
