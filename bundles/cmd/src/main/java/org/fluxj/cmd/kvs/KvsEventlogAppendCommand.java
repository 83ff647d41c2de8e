package org.fluxj.cmd.kvs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.EventlogEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs eventlog append [-t SEC] KEY NAME [CONTEXT...]}: one entry appended in one commit. */
@Command(name = "append", description = "Append to eventlog.")
final class KvsEventlogAppendCommand extends AbstractKvsCommand {
    @Option(names = {"-t", "--timestamp"}, paramLabel = "SEC", description = "Specify timestamp in seconds since epoch")
    double timestamp;

    @Parameters(index = "0", paramLabel = "key")
    String key;
    @Parameters(index = "1", paramLabel = "name")
    String name;
    @Parameters(index = "2..*", paramLabel = "context")
    List<String> context = List.of();

    @Override
    public Integer call() {
        EventlogEntry e;
        try {
            e = EventlogEntry.create(timestamp, name, context.isEmpty() ? null : String.join(" ", context));
        } catch (FormatException | IllegalArgumentException x) {
            throw fail("eventlog_entry_create: %s", x.getMessage());
        }
        commit(ns(), 0, new KvsTxn().append(key, e.encode().getBytes(StandardCharsets.UTF_8)));
        return 0;
    }
}
