package org.fluxj.cmd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.Eventlog;
import org.fluxj.formats.eventlog.EventlogEntry;
import picocli.CommandLine.Command;

/** {@code flux kvs eventlog append|get|wait-event}: RFC 18 eventlogs in the KVS. */
@Command(name = "eventlog", synopsisSubcommandLabel = "COMMAND", description = "Manipulate a KVS eventlog.",
        subcommands = {KvsEventlogAppendCommand.class, KvsEventlogGetCommand.class, KvsEventlogWaitEventCommand.class})
final class KvsEventlogCommand extends FluxCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }

    /** Splits appended eventlog data into complete lines, keeping a partial last line for later. */
    static final class Lines {
        private final StringBuilder pending = new StringBuilder();

        List<EventlogEntry> feed(byte[] data) throws FormatException {
            pending.append(new String(data, StandardCharsets.UTF_8));
            List<EventlogEntry> out = new ArrayList<>();
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (!line.isEmpty()) {
                    out.add(Eventlog.decodeEntry(line + "\n"));
                }
            }
            return out;
        }
    }

    /** An entry as the default formatter prints it: "TIMESTAMP NAME key=value...", or its JSON with -u. */
    static String format(EventlogEntry e, boolean unformatted) {
        if (unformatted) {
            return e.encode().strip();
        }
        StringBuilder b = new StringBuilder(String.format("%f %s", e.timestamp(), e.name()));
        if (e.hasContext()) {
            e.context().fields().forEachRemaining(f -> b.append(' ').append(f.getKey()).append('=')
                    .append(org.fluxj.formats.json.JanssonText.compact(f.getValue())));
        }
        return b.toString();
    }
}
