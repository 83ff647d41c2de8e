package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fluxj.client.StreamingRpc;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs get}: values printed one per line; {@code -w} watches, {@code -W} waits for creation. */
@Command(name = "get", description = "Get value stored under key.")
final class KvsGetCommand extends AbstractKvsCommand {
    @Option(names = {"-r", "--raw"}, description = "Interpret value(s) as raw data")
    boolean raw;
    @Option(names = {"-t", "--treeobj"}, description = "Show RFC 11 object")
    boolean treeobj;
    @Option(names = {"-a", "--at"}, paramLabel = "TREEOBJ", description = "Lookup relative to RFC 11 snapshot reference")
    String at;
    @Option(names = {"-l", "--label"}, description = "Print key= before value")
    boolean label;
    @Option(names = {"-W", "--waitcreate"}, description = "Wait for creation to occur on watch")
    boolean waitcreate;
    @Option(names = {"-w", "--watch"}, description = "Monitor key writes")
    boolean watch;
    @Option(names = {"-u", "--uniq"}, description = "Only monitor key writes if values have changed")
    boolean uniq;
    @Option(names = {"-A", "--append"}, description = "Only monitor key appends")
    boolean append;
    @Option(names = {"-f", "--full"}, description = "Monitor key changes with more complete accuracy")
    boolean full;
    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Display at most COUNT changes")
    int count;
    @Option(names = {"-S", "--stream"}, description = "Return potentially large values in multiple responses "
            + "(one per appended part), printed one after the other, then a newline.")
    boolean stream;

    @Parameters(paramLabel = "key", arity = "1..*")
    List<String> keys;

    /** Whether a streamed value printed anything (then its end is a newline). */
    private boolean haveOutput;

    @Override
    public Integer call() throws IOException {
        int flags = treeobj ? KvsFlags.TREEOBJ : 0;
        if (watch) {
            flags |= KvsFlags.WATCH | (full ? KvsFlags.WATCH_FULL : 0) | (uniq ? KvsFlags.WATCH_UNIQ : 0) | (append ? KvsFlags.WATCH_APPEND : 0);
        }
        if (waitcreate) {
            flags |= KvsFlags.WAITCREATE;
        }
        if (stream) {
            flags |= KvsFlags.STREAM;
        }
        if (at != null && (flags & (KvsFlags.WATCH | KvsFlags.WAITCREATE | KvsFlags.STREAM)) != 0) {
            throw fail("--at cannot be used with --watch, --waitcreate or --stream");
        }
        for (String key : keys) {
            if ((flags & (KvsFlags.WATCH | KvsFlags.STREAM)) != 0) {
                watch(key, flags);
            } else {
                print(key, lookupAt(at, key, flags));
            }
        }
        out().flush();
        return 0;
    }

    private void watch(String key, int flags) throws IOException {
        StreamingRpc s = Kvs.watch(handle(), ns(), key, flags);
        int n = 0;
        haveOutput = false;
        while (true) {
            Message m;
            try {
                m = s.next();
            } catch (IOException e) {
                throw fail("%s: %s", key, e.getMessage());
            }
            if (m == null) {
                if (stream && haveOutput) {
                    out().print("\n"); // the parts of a streamed value end with one newline
                }
                return;
            }
            if (!m.hasPayload()) {
                continue; // initial sentinel
            }
            try {
                print(key, Kvs.value(m));
            } catch (IOException e) {
                throw fail("%s: %s", key, e.getMessage());
            }
            out().flush();
            if (count > 0 && ++n == count) {
                handle().send(Message.request("kvs-watch.cancel").nodeid(Message.NODEID_ANY).noResponse()
                        .payloadJson(Json.object().put("matchtag", s.matchtag())).build());
                while (s.next() != null) {
                    // responses already in flight, until ENODATA
                }
                return;
            }
        }
    }

    private void print(String key, TreeObj t) {
        if (label) {
            out().print(key + "=");
        }
        if (treeobj) {
            out().println(t.encode());
            return;
        }
        byte[] data = data(t);
        if (raw) {
            writeRaw(data);
            return;
        }
        if (data.length == 0) {
            return; // no value to print, as flux-core (not even a newline)
        }
        int len = 0;
        while (len < data.length && data[len] != 0) {
            len++; // printed as a C string
        }
        writeRaw(Arrays.copyOf(data, len)); // the bytes stored, UTF-8 or not, as flux-core's printf writes them
        out().print(stream ? "" : "\n");
        haveOutput = true;
    }
}
