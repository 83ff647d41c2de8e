package org.fluxj.cmd.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux event sub [-c N] [TOPIC...]}: prints "TOPIC\tPAYLOAD" for each event. */
@Command(name = "sub", description = "Subscribe to events.")
final class EventSubCommand extends AbstractCommand {

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Process N events then exit.")
    int count;

    @Option(names = {"-r", "--raw"}, description = "Print payload as raw.")
    boolean raw;

    @Parameters(paramLabel = "topic", arity = "0..*")
    List<String> topics = List.of();

    @Override
    public Integer call() throws IOException {
        for (String t : topics.isEmpty() ? List.of("") : topics) {
            try {
                handle().subscribe(t);
            } catch (IOException e) {
                throw fail("flux_event_subscribe: %s", e.getMessage());
            }
        }
        int received = 0;
        for (Message m = handle().nextEvent(); m != null; m = handle().nextEvent()) {
            out().printf("%s\t%s%n", m.topic(), payload(m));
            out().flush();
            if (count > 0 && ++received == count) {
                break;
            }
        }
        return 0;
    }

    private static String payload(Message m) {
        if (!m.hasPayload()) {
            return "";
        }
        byte[] p = m.payload();
        int len = p.length > 0 && p[p.length - 1] == 0 ? p.length - 1 : p.length;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int c = p[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.'); // make_printable
        }
        return len == p.length - 1 ? new String(p, 0, len, StandardCharsets.UTF_8) : sb.toString();
    }
}
