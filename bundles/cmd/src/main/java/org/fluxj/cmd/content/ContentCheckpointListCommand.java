package org.fluxj.cmd.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.fluxj.client.kvs.KvsCheckpoint;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.JanssonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Index, sequence, time and rootref of each checkpoint, newest first. */
@Command(name = "list", description = "List checkpoints.")
final class ContentCheckpointListCommand extends AbstractCommand {
    @Option(names = {"-n", "--no-header"}, description = "Suppress header")
    boolean noHeader;
    @Option(names = {"-j", "--json"}, description = "List checkpoint info in JSON")
    boolean json;

    @Override
    public Integer call() {
        JsonNode a;
        try {
            a = KvsCheckpoint.list(handle(), false);
        } catch (IOException e) {
            throw fail("kvs_checkpoint_lookup: %s", e.getMessage());
        }
        if (!noHeader && !json) {
            out().println(String.format("%-10s %-10s %-20s %s", "Index", "Sequence", "Time", "Rootref"));
        }
        int i = 0;
        for (JsonNode c : a) {
            if (json) {
                out().println(JanssonText.compact(c));
            } else {
                String t = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                        .format(Instant.ofEpochMilli((long) (c.path("timestamp").asDouble() * 1000)));
                out().println(String.format("%-10d %-10d %-20s %s", i, c.path("sequence").asLong(), t,
                        c.path("rootref").asText()));
            }
            i++;
        }
        out().flush();
        return 0;
    }
}
