package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.cmd.RawArgs;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs put KEY=VALUE...}: every pair in one commit, atomically. */
@Command(name = "put", description = "Store value under key.")
final class KvsPutCommand extends AbstractKvsCommitCommand {
    @Option(names = {"-r", "--raw"}, description = "Store value(s) as-is without adding NULL termination")
    boolean raw;
    @Option(names = {"-t", "--treeobj"}, description = "Store RFC 11 object")
    boolean treeobj;
    @Option(names = {"-n", "--no-merge"}, description = "Set the NO_MERGE flag to ensure commit is standalone")
    boolean noMerge;
    @Option(names = {"-A", "--append"}, description = "Append value(s) to key instead of overwriting")
    boolean append;
    @Option(names = {"-S", "--sync"}, description = "Flushes content and checkpoints after completing put")
    boolean sync;

    @Parameters(paramLabel = "key=value", arity = "1..*")
    List<String> pairs;

    @Override
    public Integer call() throws IOException {
        KvsTxn txn = new KvsTxn();
        byte[] stdin = null;
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw fail("put: you must specify a value as key=value");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            byte[] word = RawArgs.bytesOf(pair).orElseThrow(() -> fail("%s: %s", key,
                    "the value is not valid UTF-8 and its bytes cannot be read back unambiguously (use -r KEY=- with stdin)"));
            int at = indexOf(word, (byte) '=');
            // a key is a JSON string: as flux-core, one that is not UTF-8 is refused
            if (key.isEmpty() || !RawArgs.isUtf8(Arrays.copyOf(word, at))) {
                throw fail("%s: %s", key, "Invalid argument");
            }
            if (treeobj) {
                String text = value.equals("-") ? new String(stdin = readStdin(stdin), StandardCharsets.UTF_8) : value;
                try {
                    txn.put(key, 0, TreeObj.decode(text));
                } catch (FormatException e) {
                    throw fail("%s: %s", key, e.getMessage());
                }
                continue;
            }
            // the bytes given, whether UTF-8 or not, as flux-core stores them with or without -r
            byte[] data = raw && value.equals("-") ? (stdin = readStdin(stdin)) : Arrays.copyOfRange(word, at + 1, word.length);
            txn.put(key, append ? KvsFlags.APPEND : 0, new TreeObj.Val(data));
        }
        commitAndFinish((noMerge ? KvsFlags.NO_MERGE : 0) | (sync ? KvsFlags.SYNC : 0), txn);
        out().flush();
        return 0;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readStdin(byte[] already) throws IOException {
        return already != null ? already : System.in.readAllBytes();
    }
}
