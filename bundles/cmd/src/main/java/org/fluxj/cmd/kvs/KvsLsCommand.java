package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.fluxj.client.FluxException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs ls}: as ls(1): keys in columns, directories listed, "name:" labels with several. */
@Command(name = "ls", description = "List directory.")
final class KvsLsCommand extends AbstractKvsCommand {
    @Option(names = {"-R", "--recursive"}, description = "List directory recursively")
    boolean recursive;
    @Option(names = {"-d", "--directory"}, description = "List directory instead of contents")
    boolean directory;
    @Option(names = {"-w", "--width"}, paramLabel = "N", description = "Set output width to COLS.  0 means no limit")
    Integer width;
    @Option(names = {"-1", "--1"}, description = "Force one entry per line")
    boolean one;
    @Option(names = {"-F", "--classify"}, description = "Append indicator (one of .@) to entries")
    boolean classify;

    @Parameters(paramLabel = "key", arity = "0..*")
    List<String> keys = List.of();

    @Override
    public Integer call() {
        int win = one ? 1 : width != null ? width : windowWidth();
        List<String> dirs = new ArrayList<>();
        List<String> singles = new ArrayList<>();
        int rc = 0;
        for (String key : keys.isEmpty() ? List.of(".") : keys) {
            if (!categorize(key, dirs, singles)) {
                rc = 1;
            }
        }
        Collections.sort(singles);
        Collections.sort(dirs);
        boolean label = false;
        boolean vspace = false;
        if (!singles.isEmpty()) {
            columns(singles, win);
            label = true;
            vspace = true;
        }
        if (recursive || dirs.size() > 1) {
            label = true;
        }
        for (String d : dirs) {
            listDir(d, win, label, vspace);
            vspace = true;
        }
        out().flush();
        return rc;
    }

    private boolean categorize(String key, List<String> dirs, List<String> singles) {
        String nkey = key;
        boolean requireDir = false;
        while (nkey.length() > 1 && nkey.endsWith(".")) {
            nkey = nkey.substring(0, nkey.length() - 1);
            requireDir = true;
        }
        TreeObj t;
        try {
            t = Kvs.lookup(handle(), ns(), nkey, KvsFlags.TREEOBJ);
        } catch (IOException e) {
            err().println(nkey + ": " + e.getMessage());
            return false;
        }
        if (t instanceof TreeObj.Dir || t instanceof TreeObj.DirRef) {
            if (directory) {
                singles.add(classify ? nkey + "." : nkey);
            } else {
                dirs.add(nkey);
            }
        } else if (requireDir) {
            err().println(nkey + ": Not a directory");
            return false;
        } else if (t instanceof TreeObj.Symlink) {
            if (classify || directory) {
                singles.add(classify ? nkey + "@" : nkey);
            } else {
                try {
                    Kvs.lookup(handle(), ns(), nkey, 0);
                    singles.add(nkey);
                } catch (FluxException e) {
                    if (e.is(Errno.EISDIR)) {
                        dirs.add(nkey);
                    } else if (e.is(Errno.ENOENT)) {
                        singles.add(nkey);
                    } else {
                        throw fail("%s: %s", nkey, e.getMessage());
                    }
                } catch (IOException e) {
                    throw fail("%s: %s", nkey, e.getMessage());
                }
            }
        } else {
            singles.add(nkey);
        }
        return true;
    }

    private void listDir(String key, int win, boolean label, boolean vspace) {
        TreeObj.Dir dir = (TreeObj.Dir) lookup(key, KvsFlags.READDIR);
        if (label) {
            out().println((vspace ? "\n" : "") + key + ":");
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, TreeObj> e : dir.entries().entrySet()) {
            TreeObj t = e.getValue();
            String suffix = !classify ? "" : t instanceof TreeObj.Dir || t instanceof TreeObj.DirRef ? "."
                    : t instanceof TreeObj.Symlink ? "@" : "";
            names.add(e.getKey() + suffix);
        }
        columns(names, win, maxName(dir) + 4);
        if (recursive) {
            String prefix = KeyPath.normalize(key).key().equals(".") ? "" : KeyPath.normalize(key).key() + ".";
            for (Map.Entry<String, TreeObj> e : dir.entries().entrySet()) {
                if (e.getValue() instanceof TreeObj.Dir || e.getValue() instanceof TreeObj.DirRef) {
                    listDir(prefix + e.getKey(), win, label, true);
                }
            }
        }
    }

    private int maxName(TreeObj.Dir dir) {
        int max = 0;
        for (String n : dir.entries().keySet()) {
            max = Math.max(max, n.length() + (classify ? 1 : 0));
        }
        return max;
    }

    private void columns(List<String> names, int win) {
        int max = 0;
        for (String n : names) {
            max = Math.max(max, n.length());
        }
        columns(names, win, max + 4);
    }

    /** list_kvs_keys: names in columns of colWidth that fit win (0: unlimited). */
    private void columns(List<String> names, int win, int colWidth) {
        int col = 0;
        int lastLen = 0;
        StringBuilder b = new StringBuilder();
        for (String name : names) {
            if (win != 0 && col + colWidth > win && col > 0) {
                b.append('\n');
                col = 0;
            } else if (lastLen > 0) {
                b.append(" ".repeat(colWidth - lastLen));
            }
            b.append(name);
            lastLen = name.length();
            col += colWidth;
        }
        if (col > 0) {
            b.append('\n');
        }
        out().print(b);
    }
}
