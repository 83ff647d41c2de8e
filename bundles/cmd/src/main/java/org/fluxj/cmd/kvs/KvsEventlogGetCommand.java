package org.fluxj.cmd.kvs;

import java.io.IOException;
import org.fluxj.client.StreamingRpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.Color;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.eventlog.EventlogFormatter;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux kvs eventlog get [-W] [-w] [-c N] [-u|-H] [-L[WHEN]] [-S] KEY}: the entries,
 * then new ones with -w; with -S the eventlog comes in one response per appended blob.
 */
@Command(name = "get", description = "Get eventlog.")
final class KvsEventlogGetCommand extends AbstractKvsEventlogCommand {
    @Option(names = {"-W", "--waitcreate"}, description = "Wait for creation to occur on watch")
    boolean waitcreate;
    @Option(names = {"-w", "--watch"}, description = "Monitor eventlog")
    boolean watch;
    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Display at most COUNT events")
    int count;
    @Option(names = {"-u", "--unformatted"}, description = UNFORMATTED_HELP)
    boolean unformatted;
    @Option(names = {"-H", "--human"}, description = HUMAN_HELP)
    boolean human;
    @Getopt.ShortOptionalValue
    @Option(names = {"-L", "--color"}, arity = "0..1", paramLabel = "WHEN", description = Color.DESCRIPTION,
            fallbackValue = "always")
    String color;
    @Option(names = {"-S", "--stream"}, description = "Return potentially large eventlogs in multiple responses "
            + "(one per appended part) instead of one.")
    boolean stream;

    @Parameters(paramLabel = "key")
    String key;

    @Override
    public Integer call() throws IOException {
        EventlogFormatter f = formatter(unformatted, human, color);
        if (watch && stream) {
            throw fail("--watch and --stream cannot be used together");
        }
        int flags = (watch ? KvsFlags.WATCH | KvsFlags.WATCH_APPEND : 0) | (waitcreate ? KvsFlags.WAITCREATE : 0) | (stream ? KvsFlags.STREAM : 0);
        if (!watch && !stream) {
            for (EventlogEntry e : decode(data(lookup(key, flags)))) {
                print(f, e, out(), err());
            }
            out().flush();
            return 0;
        }
        StreamingRpc s = Kvs.watch(handle(), ns(), key, flags);
        int shown = 0;
        for (Message m = next(s); m != null; m = next(s)) {
            if (!m.hasPayload()) {
                continue;
            }
            for (EventlogEntry e : entries(key, m)) {
                print(f, e, out(), err());
                if (watch && count > 0 && ++shown == count) {
                    out().flush();
                    return 0;
                }
            }
            out().flush();
        }
        return 0;
    }

    private Message next(StreamingRpc s) {
        try {
            return s.next();
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
    }
}
