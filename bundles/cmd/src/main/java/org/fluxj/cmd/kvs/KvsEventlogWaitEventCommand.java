package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.time.Duration;
import org.fluxj.client.FluxException;
import org.fluxj.client.StreamingRpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.Color;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.eventlog.EventlogEntry;
import org.fluxj.formats.eventlog.EventlogFormatter;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs eventlog wait-event [-W] [-t DURATION] [-q] [-v] [-u|-H] [-L[WHEN]] KEY EVENT}. */
@Command(name = "wait-event", description = "Wait for an event.")
final class KvsEventlogWaitEventCommand extends AbstractKvsEventlogCommand {
    @Option(names = {"-W", "--waitcreate"}, description = "Wait for creation to occur on eventlog")
    boolean waitcreate;
    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", description = "timeout after DURATION")
    String timeout;
    @Option(names = {"-u", "--unformatted"}, description = UNFORMATTED_HELP)
    boolean unformatted;
    @Option(names = {"-q", "--quiet"}, description = "Do not output matched event")
    boolean quiet;
    @Option(names = {"-v", "--verbose"}, description = "Output all events before matched event")
    boolean verbose;
    @Option(names = {"-H", "--human"}, description = HUMAN_HELP)
    boolean human;
    @Getopt.ShortOptionalValue
    @Option(names = {"-L", "--color"}, arity = "0..1", paramLabel = "WHEN", description = Color.DESCRIPTION,
            fallbackValue = "always")
    String color;

    @Parameters(index = "0", paramLabel = "key")
    String key;
    @Parameters(index = "1", paramLabel = "event")
    String event;

    @Override
    public Integer call() throws IOException {
        EventlogFormatter f = formatter(unformatted, human, color);
        Duration limit = null;
        if (timeout != null) {
            try {
                double sec = Fsd.parse(timeout);
                limit = Double.isInfinite(sec) ? null : Duration.ofNanos((long) (sec * 1e9));
            } catch (FormatException e) {
                throw fail("invalid timeout: %s", timeout);
            }
        }
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        int flags = KvsFlags.WATCH | KvsFlags.WATCH_APPEND | (waitcreate ? KvsFlags.WAITCREATE : 0);
        StreamingRpc s = Kvs.watch(handle(), ns(), key, flags);
        while (true) {
            Message m;
            try {
                m = s.next(limit == null ? null : Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (FluxException e) {
                if (e.is(Errno.ETIMEDOUT)) {
                    throw fail("wait-event timeout on event '%s'", event);
                }
                if (e.is(Errno.ENOENT)) {
                    throw fail("eventlog path %s not found", key);
                }
                throw fail("%s: %s", key, e.getMessage());
            }
            if (m == null) {
                throw fail("event '%s' never received", event);
            }
            if (!m.hasPayload()) {
                continue;
            }
            for (EventlogEntry e : entries(key, m)) {
                f.updateT0(e.timestamp());
                if (e.name().equals(event)) {
                    if (!quiet) {
                        print(f, e, out(), err());
                    }
                    out().flush();
                    return 0;
                }
                if (verbose) {
                    print(f, e, out(), err());
                }
            }
            out().flush();
        }
    }
}
