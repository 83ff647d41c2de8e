package org.fluxj.cmd.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.stdlog.Stdlog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux logger [-s SEVERITY] [-n APPNAME] MESSAGE...}: logs to the broker's ring buffer
 * as flux_log does (a {@code log.append} request with no response); the message is read from
 * stdin if none is given.
 */
@Command(name = "logger", description = "Log a message to the broker's log.")
public final class LoggerCommand extends AbstractCommand {

    @Option(names = {"-s", "--severity"}, paramLabel = "LEVEL",
            description = "emerg|alert|crit|err|warning|notice|info|debug (default notice).")
    String severity = "notice";

    @Option(names = {"-n", "--appname"}, paramLabel = "NAME", description = "Application name (default logger).")
    String appname = "logger";

    @Parameters(paramLabel = "message", arity = "0..*")
    List<String> message = List.of();

    @Override
    public Integer call() throws IOException {
        int sev = Stdlog.severityOf(severity);
        if (sev < 0) {
            throw fail("invalid severity: Use emerg|alert|crit|err|warning|notice|info|debug");
        }
        String text = message.isEmpty() ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : String.join(" ", message);
        int rank = Integer.parseInt(getattr("rank"));
        long pid = ProcessHandle.current().pid();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue; // as flux_log does with the empty lines of a multi-line message
            }
            String entry = Stdlog.now(sev, rank, appname, pid, line).encode();
            handle().send(Message.request("log.append").noResponse()
                    .payload(entry.getBytes(StandardCharsets.UTF_8)).build());
        }
        // a no-response request is sent once the broker answered something sent after it
        getattr("rank");
        return 0;
    }
}
