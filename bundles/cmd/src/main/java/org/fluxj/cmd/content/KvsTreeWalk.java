package org.fluxj.cmd.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fluxj.client.content.BlobLoader;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;

/**
 * Walks a KVS tree from a root directory blob, as libkvs's kvs_treewalk: depth first, names in
 * order, paths joined with {@code /}; values (a valref's blobs joined) and symlinks go to a
 * {@link Visitor}. A blob that cannot be loaded is reported to the visitor, which decides
 * whether the walk goes on without it (the subtree or value is then skipped).
 */
final class KvsTreeWalk {

    interface Visitor {
        void value(String path, byte[] data) throws IOException;

        void symlink(String path, TreeObj.Symlink link) throws IOException;

        /** A blob that could not be loaded or decoded; throw to end the walk. */
        void loadError(String message);
    }

    private final BlobLoader loader;
    private final Visitor visitor;

    KvsTreeWalk(BlobLoader loader, Visitor visitor) {
        this.loader = loader;
        this.visitor = visitor;
    }

    /** Walks the tree whose root directory is the blob {@code root}. */
    void run(BlobRef root) throws IOException {
        loader.prefetch(List.of(root));
        TreeObj.Dir dir = loadDir("", root);
        if (dir != null) {
            walk("", dir);
        }
    }

    private void walk(String path, TreeObj.Dir dir) throws IOException {
        List<BlobRef> next = new ArrayList<>();
        for (TreeObj o : dir.entries().values()) {
            if (o instanceof TreeObj.DirRef d) {
                next.addAll(d.refs());
            } else if (o instanceof TreeObj.ValRef v) {
                next.addAll(v.refs());
            }
        }
        loader.prefetch(next);
        for (Map.Entry<String, TreeObj> e : dir.entries().entrySet()) {
            String child = path.isEmpty() ? e.getKey() : path + "/" + e.getKey();
            TreeObj o = e.getValue();
            if (o instanceof TreeObj.Val v) {
                visitor.value(child, v.data());
            } else if (o instanceof TreeObj.Symlink s) {
                visitor.symlink(child, s);
            } else if (o instanceof TreeObj.Dir d) {
                walk(child, d);
            } else if (o instanceof TreeObj.DirRef d) {
                TreeObj.Dir sub = loadDir(child, d.refs().get(0));
                if (sub != null) {
                    walk(child, sub);
                }
            } else if (o instanceof TreeObj.ValRef v) {
                byte[] data = join(child, v);
                if (data != null) {
                    visitor.value(child, data);
                }
            }
        }
    }

    private TreeObj.Dir loadDir(String path, BlobRef ref) throws IOException {
        String where = path.isEmpty() ? "root" : path;
        byte[] data;
        try {
            data = loader.load(ref);
        } catch (IOException e) {
            visitor.loadError(where + ": error loading directory " + ref + ": " + e.getMessage());
            return null;
        }
        try {
            if (TreeObj.decode(data) instanceof TreeObj.Dir d) {
                return d;
            }
            visitor.loadError(where + ": " + ref + " is not a directory object");
        } catch (FormatException e) {
            visitor.loadError(where + ": " + ref + ": " + e.getMessage());
        }
        return null;
    }

    private byte[] join(String path, TreeObj.ValRef v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<BlobRef> refs = v.refs();
        boolean complete = true;
        for (int i = 0; i < refs.size(); i++) {
            try {
                out.write(loader.load(refs.get(i)));
            } catch (IOException e) {
                visitor.loadError(path + ": missing blobref " + i + ": " + e.getMessage());
                complete = false;
            }
        }
        return complete ? out.toByteArray() : null;
    }
}
