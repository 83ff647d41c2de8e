package org.fluxj.cmd.kvs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs dir [-R] [-d] [-w N] [KEY]}: "key = value" lines, "key." for directories. */
@Command(name = "dir", description = "Display all keys under directory.")
final class KvsDirCommand extends AbstractKvsCommand {
    @Option(names = {"-R", "--recursive"}, description = "Recursively display keys under subdirectories")
    boolean recursive;
    @Option(names = {"-d", "--directory"}, description = "List directory entries and not values")
    boolean directory;
    @Option(names = {"-w", "--width"}, paramLabel = "N", description = "Set output width to COLS.  0 means no limit")
    Integer width;
    @Option(names = {"-a", "--at"}, paramLabel = "TREEOBJ", description = "Lookup relative to RFC 11 snapshot reference")
    String at;

    @Parameters(paramLabel = "key", arity = "0..1")
    String key = ".";

    @Override
    public Integer call() {
        int maxcol = width != null ? width : windowWidth();
        TreeObj.Dir dir = (TreeObj.Dir) lookupAt(at, key, KvsFlags.READDIR);
        dump(dir, prefix(key), maxcol);
        out().flush();
        return 0;
    }

    static String prefix(String key) {
        String k = KeyPath.normalize(key).key();
        return k.equals(".") ? "" : k + ".";
    }

    private void dump(TreeObj.Dir dir, String prefix, int maxcol) {
        for (Map.Entry<String, TreeObj> e : dir.entries().entrySet()) {
            String k = prefix + e.getKey();
            TreeObj t = e.getValue();
            if (t instanceof TreeObj.Symlink s) {
                out().println(k + " -> " + s.namespace().map(n -> n + "::").orElse("") + s.target());
            } else if (t instanceof TreeObj.Dir || t instanceof TreeObj.DirRef) {
                if (recursive) {
                    TreeObj.Dir sub = (TreeObj.Dir) lookupAt(at, k, KvsFlags.READDIR);
                    if (sub.count() == 0) {
                        out().println(k + ".");
                    } else {
                        dump(sub, k + ".", maxcol);
                    }
                } else {
                    out().println(k + ".");
                }
            } else if (!directory) {
                byte[] data = data(lookupAt(at, k, 0));
                int len = 0;
                while (len < data.length && data[len] != 0) {
                    len++;
                }
                kvPrint(k, new String(data, 0, len, StandardCharsets.UTF_8), maxcol);
            } else {
                out().println(k);
            }
        }
    }

    /** kv_printf: "key = value" cut to maxcol columns, at the first newline, with "..." when cut. */
    private void kvPrint(String key, String val, int maxcol) {
        String kv = key + " = " + val;
        boolean overflow = false;
        if (maxcol != 0 && maxcol > 3) {
            if (kv.length() > maxcol - 3) {
                kv = kv.substring(0, maxcol - 3);
                overflow = true;
            }
            int nl = kv.indexOf('\n');
            if (nl >= 0) {
                if (nl + 1 < kv.length()) {
                    overflow = true;
                }
                kv = kv.substring(0, nl);
            }
        }
        out().println(kv + (overflow ? "..." : ""));
    }
}
