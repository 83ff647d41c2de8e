package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.Rpc;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux sproc ps|kill|wait}: the processes of a subprocess server (RFC 42 {@code rexec}),
 * as flux-core's src/cmd/flux-sproc.py. A process is named by pid or by the label it was
 * started with ({@code flux exec --label}). Without a subcommand the usage is shown and the
 * status is 1.
 */
@Command(name = "sproc",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage subprocesses of Flux subprocess servers.",
        footer = {"", "supported subcommands: ps, kill, wait"})
final class SprocCommand extends FamilyCommand implements Argparse {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("ps", SprocCommand.Ps.class,
                "kill", SprocCommand.Kill.class,
                "wait", SprocCommand.Wait.class);
    }

    /** The options every subcommand takes. */
    abstract static class Base extends FluxCommand {
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

        /** exit_with_status: the exit code, or 128 + the signal. */
        static int exitCode(int status) {
            return ExecSession.Wait.shellCode(status);
        }

        static CommandException failed(String what, Exception e) {
            return new CommandException(what + ": " + e.getMessage());
        }
    }

    /** {@code flux sproc ps}: pid, state (R running, Z zombie), label, command. */
    @Command(name = "ps", description = "List active and zombie subprocesses.")
    static final class Ps extends Base {
        private static final java.util.Map<String, String> HEADINGS = java.util.Map.of(
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
                out().println(fmt.format(java.util.Map.of(
                        "pid", p.path("pid").asInt(),
                        "state", p.path("state").asText(),
                        "label", label.isEmpty() ? "-" : label,
                        "rank", resp.path("rank").asInt(),
                        "cmd", p.path("cmd").asText())));
            }
            return 0;
        }
    }

    /** {@code flux sproc kill [-w] SIGNUM PID|LABEL}. */
    @Command(name = "kill", description = "Send a signal to a subprocess.")
    static final class Kill extends Base {
        @Option(names = {"-w", "--wait"}, description = "wait for process after sending signal")
        boolean await;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "signum")
        int signum;

        @picocli.CommandLine.Parameters(index = "1", paramLabel = "pid")
        String pid;

        @Override
        public Integer call() {
            // As flux-sproc.py: the wait is sent first, so that a process killed at once is still collected.
            CompletableFuture<Message> waiting = await ? waitRpc(pid) : null;
            ObjectNode o = target(pid);
            o.put("signum", signum);
            try {
                Rpc.await(handle().rpc(service + ".kill", o, rank));
            } catch (IOException e) {
                boolean reaped = await && e instanceof org.fluxj.client.FluxException f
                        && f.is(org.fluxj.formats.msg.Errno.ESRCH);
                if (!reaped) {
                    throw failed("kill", e);
                }
                err().println("flux-sproc: kill: " + e.getMessage());
            }
            if (waiting == null) {
                return 0;
            }
            try {
                return exitCode(Rpc.await(waiting).payloadObject().path("status").asInt());
            } catch (IOException | org.fluxj.formats.FormatException e) {
                throw failed("kill: wait failed", e);
            }
        }
    }

    /** {@code flux sproc wait [-o] PID|LABEL}: the exit status of a waitable process. */
    @Command(name = "wait", description = "Wait for a waitable subprocess to complete.")
    static final class Wait extends Base {
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
            } catch (IOException | org.fluxj.formats.FormatException e) {
                throw failed("wait", e);
            }
            if (output) {
                printOutput(resp.path("output"));
            }
            return exitCode(resp.path("status").asInt());
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
                        ? java.util.Base64.getDecoder().decode(d.textValue())
                        : d.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                java.io.PrintStream s = io.path("stream").asText().equals("stdout") ? System.out : System.err;
                s.write(data, 0, data.length);
                s.flush();
            }
        }
    }
}
