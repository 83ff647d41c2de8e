package org.fluxj.cmd.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
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

    /** A directory being walked: its path and the entries not visited yet. */
    private record Frame(String path, Iterator<Map.Entry<String, TreeObj>> rest) {
    }

    /** Walks the tree whose root directory is the blob {@code root}. */
    void run(BlobRef root) throws IOException {
        loader.prefetch(List.of(root));
        TreeObj.Dir dir = loadDir("", root);
        if (dir == null) {
            return;
        }
        // a stack of our own, not the thread's: a tree is as deep as its deepest key (thousands)
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(enter("", dir));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (!f.rest().hasNext()) {
                stack.pop();
                continue;
            }
            Map.Entry<String, TreeObj> e = f.rest().next();
            String child = f.path().isEmpty() ? e.getKey() : f.path() + "/" + e.getKey();
            TreeObj o = e.getValue();
            if (o instanceof TreeObj.Val v) {
                visitor.value(child, v.data());
            } else if (o instanceof TreeObj.Symlink s) {
                visitor.symlink(child, s);
            } else if (o instanceof TreeObj.Dir d) {
                stack.push(enter(child, d));
            } else if (o instanceof TreeObj.DirRef d) {
                TreeObj.Dir sub = loadDir(child, d.refs().get(0));
                if (sub != null) {
                    stack.push(enter(child, sub));
                }
            } else if (o instanceof TreeObj.ValRef v) {
                byte[] data = join(child, v);
                if (data != null) {
                    visitor.value(child, data);
                }
            }
        }
    }

    /** A directory about to be walked, names in order; the blobs it names are fetched ahead. */
    private Frame enter(String path, TreeObj.Dir dir) {
        List<BlobRef> next = new ArrayList<>();
        for (TreeObj o : dir.entries().values()) {
            if (o instanceof TreeObj.DirRef d) {
                next.addAll(d.refs());
            } else if (o instanceof TreeObj.ValRef v) {
                next.addAll(v.refs());
            }
        }
        loader.prefetch(next);
        return new Frame(path, dir.entries().entrySet().iterator());
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
