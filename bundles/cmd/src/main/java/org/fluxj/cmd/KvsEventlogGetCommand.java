package org.fluxj.cmd;

import java.io.IOException;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs eventlog get [-W] [-w] [-c N] [-u] KEY}: the entries, then new ones with -w. */
@Command(name = "get", description = "Get eventlog.")
final class KvsEventlogGetCommand extends KvsSubcommand {
    @Option(names = {"-W", "--waitcreate"}, description = "Wait for creation to occur")
    boolean waitcreate;
    @Option(names = {"-w", "--watch"}, description = "Monitor eventlog")
    boolean watch;
    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Display at most COUNT events")
    int count;
    @Option(names = {"-u", "--unformatted"}, description = "Show event in RFC 18 form")
    boolean unformatted;
    @Option(names = {"-H", "--human"}, description = "Display human-readable output")
    boolean human;
    @Option(names = {"-L", "--color"}, arity = "0..1", paramLabel = "WHEN", description = "Colorize output")
    String color;
    @Option(names = {"-S", "--stream"}, description = "Return potentially large eventlogs in multiple responses.")
    boolean stream;

    @Parameters(paramLabel = "key")
    String key;

    @Override
    public Integer call() throws IOException {
        int flags = (watch ? Kvs.WATCH | Kvs.WATCH_APPEND : 0) | (waitcreate ? Kvs.WAITCREATE : 0) | (stream ? Kvs.STREAM : 0);
        KvsEventlogCommand.Lines lines = new KvsEventlogCommand.Lines();
        int shown = 0;
        if ((flags & (Kvs.WATCH | Kvs.STREAM)) == 0) {
            byte[] data = Kvs.data(lookup(key, flags));
            for (EventlogEntry e : parse(lines, data)) {
                out().println(KvsEventlogCommand.format(e, unformatted));
            }
            out().flush();
            return 0;
        }
        StreamingRpc s = Kvs.watch(handle(), ns(), key, flags);
        for (Message m = next(s); m != null; m = next(s)) {
            if (!m.hasPayload()) {
                continue;
            }
            byte[] data;
            try {
                data = Kvs.data(Kvs.val(m.payloadObject()));
            } catch (FormatException e) {
                throw fail("%s: %s", key, e.getMessage());
            }
            for (EventlogEntry e : parse(lines, data)) {
                out().println(KvsEventlogCommand.format(e, unformatted));
                out().flush();
                if (count > 0 && ++shown == count) {
                    return 0;
                }
            }
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

    private java.util.List<EventlogEntry> parse(KvsEventlogCommand.Lines lines, byte[] data) {
        try {
            return lines.feed(data);
        } catch (FormatException e) {
            throw fail("cannot decode improperly formatted eventlog");
        }
    }
}
