package org.fluxj.cmd.content;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.fluxj.client.Rpc;
import org.fluxj.client.content.BlobStorer;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsCheckpoint;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.size.Sizes;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux restore [OPTIONS] INFILE}: a tar archive made by {@code flux dump} (or by tar)
 * stored as a KVS tree, whose root becomes the checkpoint the next kvs start loads
 * ({@code --checkpoint}) or a directory at a key ({@code --key}), as flux-core's
 * src/cmd/builtin/restore.c. Values shorter than a blobref stay inline; the others and every
 * directory are stored as blobs, their stores overlapping up to {@code --maxreqs}.
 */
@Command(name = "restore", description = "Restore KVS snapshot from a portable archive format.")
public final class RestoreCommand extends AbstractCommand {
    @Option(names = {"-v", "--verbose"}, description = "List keys on stderr as they are restored")
    boolean verbose;
    @Option(names = {"-q", "--quiet"}, description = "Don't show periodic progress updates")
    boolean quiet;
    @Option(names = "--checkpoint", description = "Restore to checkpoint (the kvs module must be unloaded)")
    boolean checkpoint;
    @Option(names = "--key", paramLabel = "KEY", description = "Restore to KVS key")
    String key;
    @Option(names = "--no-cache", description = "Bypass the broker content cache")
    boolean noCache;
    @Option(names = "--size-limit", paramLabel = "SIZE", description = "Do not restore blobs greater than SIZE bytes "
            + "(a number with an optional k, M, G... suffix)")
    String sizeLimit;
    @Option(names = "--maxreqs", paramLabel = "N", defaultValue = "256",
            description = "Max concurrent content store requests (default 256)")
    int maxreqs;
    @Option(names = "--sd-notify", description = "Send status updates to systemd via flux-broker(1)")
    boolean sdNotify;

    @Parameters(paramLabel = "INFILE", description = "Archive to read (- for standard input)")
    String infile;

    private ArchiveProgress progress;
    private BlobStorer storer;

    @Override
    public Integer call() throws IOException {
        if (maxreqs <= 0) {
            throw fail("invalid value for maxreqs: %d", maxreqs);
        }
        long limit = limit();
        if (!checkpoint && key == null) {
            throw fail("Please specify a restore target with --checkpoint or --key");
        }
        if (checkpoint) {
            Checkpoints.requireKvsUnloaded(handle(), "please unload kvs module before using --checkpoint");
        }
        progress = new ArchiveProgress(err(), handle(), "restore", "restored", !quiet && !verbose, sdNotify);
        storer = new BlobStorer(handle(), hashAlgorithm(), noCache, maxreqs);
        Snapshot snapshot = read(limit);
        BlobRef root = storeDir("root", snapshot.root());
        try {
            storer.finish();
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        progress.end();
        if (checkpoint) {
            toCheckpoint(root, snapshot.timestamp());
        } else {
            toKey(root);
        }
        if (!noCache) {
            try {
                Rpc.await(handle().rpc("content.flush", null, 0));
            } catch (IOException e) {
                err().println("flux-restore: error flushing content cache: " + e.getMessage());
            }
        }
        return 0;
    }

    /** The archive's tree (directories as maps, leaves as tree objects) and its newest entry's time. */
    private record Snapshot(Map<String, Object> root, long timestamp) {
    }

    private Snapshot read(long limit) {
        Map<String, Object> root = new TreeMap<>();
        long timestamp = 0;
        try (TarArchiveInputStream tar = KvsArchive.open(infile)) {
            for (TarArchiveEntry e = next(tar); e != null; e = next(tar)) {
                timestamp = Math.max(timestamp, e.getModTime().getTime() / 1000);
                if (e.isSymbolicLink()) {
                    insert(root, e.getName(), symlink(e.getLinkName()));
                    if (verbose) {
                        err().println(e.getName() + " -> " + e.getLinkName());
                    }
                    progress.add(0, 1);
                } else if (e.isFile()) {
                    if (limit > 0 && e.getSize() > limit) {
                        err().println(progress.lineStart() + e.getName() + " size " + e.getSize() + " exceeds " + limit
                                + " limit, skipping");
                        continue;
                    }
                    if (e.getSize() > Integer.MAX_VALUE - 8) {
                        throw fail("%s: %s is too large for a KVS value (%d bytes)", infile, e.getName(), e.getSize());
                    }
                    byte[] data = tar.readNBytes((int) e.getSize());
                    if (data.length != e.getSize()) {
                        throw fail("%s: short read from archive", infile);
                    }
                    insert(root, e.getName(), value(e.getName(), data));
                    if (verbose) {
                        err().println(e.getName());
                    }
                }
            }
        } catch (IOException e) {
            throw fail("%s: %s", infile, e.getMessage());
        }
        return new Snapshot(root, timestamp);
    }

    /** The root becomes the checkpoint the next kvs start loads; its sequence starts over, as flux-core's. */
    private void toCheckpoint(BlobRef root, long timestamp) {
        if (!quiet) {
            err().println("flux-restore: writing snapshot " + shortBlobref(root) + " to checkpoint for next KVS start");
        }
        try {
            KvsCheckpoint.commit(handle(), new KvsCheckpoint.Entry(root.toString(), 0,
                    timestamp > 0 ? timestamp : System.currentTimeMillis() / 1000.0), noCache);
        } catch (IOException e) {
            throw fail("error updating checkpoint: %s", e.getMessage());
        }
    }

    /** The root becomes the directory at --key. */
    private void toKey(BlobRef root) {
        if (!quiet) {
            err().println("flux-restore: writing snapshot " + shortBlobref(root) + " to KVS key '" + key + "'");
        }
        try {
            Kvs.commit(handle(), Kvs.namespace(null), 0, new KvsTxn().put(key, 0, new TreeObj.DirRef(root)));
        } catch (IOException e) {
            throw fail("error updating %s: %s", key, e.getMessage());
        }
    }

    private long limit() {
        if (sizeLimit == null) {
            return 0;
        }
        try {
            return Sizes.parse(sizeLimit);
        } catch (FormatException e) {
            throw fail("--size-limit: %s", e.getMessage());
        }
    }

    private TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a tar archive, or a damaged one: " + e.getMessage());
        }
    }

    /** A value as the KVS keeps it: inline when shorter than a blobref, else a stored blob. */
    private TreeObj value(String path, byte[] data) {
        if (data.length < BlobRef.MAX_STRING_SIZE) {
            progress.add(0, 1);
            return new TreeObj.Val(data);
        }
        progress.add(1, 1);
        return new TreeObj.ValRef(store(path, data));
    }

    /** A symlink's target as dump writes it: {@code NS::TARGET} names a namespace. */
    private static TreeObj symlink(String target) {
        int sep = target.indexOf("::");
        return sep < 0 ? new TreeObj.Symlink(target) : TreeObj.Symlink.of(target.substring(0, sep), target.substring(sep + 2));
    }

    /** Puts {@code o} at {@code path} ('/' separated), making the directories on the way. */
    @SuppressWarnings("unchecked")
    private void insert(Map<String, Object> root, String path, TreeObj o) {
        String[] names = Arrays.stream(path.split("/")).filter(n -> !n.isEmpty() && !n.equals("."))
                .toArray(String[]::new);
        if (names.length == 0) {
            throw fail("%s: entry with an empty path", infile);
        }
        Map<String, Object> dir = root;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("..") || names[i].indexOf('.') >= 0) {
                throw fail("%s: %s: %s cannot be a KVS directory entry name", infile, path, FormatException.printable(names[i]));
            }
            if (i == names.length - 1) {
                break;
            }
            Object sub = dir.computeIfAbsent(names[i], n -> new TreeMap<String, Object>());
            if (!(sub instanceof Map)) {
                throw fail("%s: %s in %s is not a directory", infile, names[i], path);
            }
            dir = (Map<String, Object>) sub;
        }
        dir.put(names[names.length - 1], o);
    }

    /** A directory being stored: its name in its parent, path, entries not seen yet, and entries made. */
    private record Pending(String name, String path, Iterator<Map.Entry<String, Object>> rest,
            TreeMap<String, TreeObj> entries) {
    }

    /**
     * Stores a directory's subdirectories, then itself; returns its blobref. Children first on a
     * stack of our own, not the thread's: a tree is as deep as its deepest key (thousands).
     */
    @SuppressWarnings("unchecked")
    private BlobRef storeDir(String path, Map<String, Object> top) {
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(null, path, top.entrySet().iterator(), new TreeMap<>()));
        while (true) {
            Pending d = stack.peek();
            if (d.rest().hasNext()) {
                Map.Entry<String, Object> e = d.rest().next();
                String child = d.path().equals("root") ? e.getKey() : d.path() + "/" + e.getKey();
                if (e.getValue() instanceof Map) {
                    Map<String, Object> sub = (Map<String, Object>) e.getValue();
                    stack.push(new Pending(e.getKey(), child, sub.entrySet().iterator(), new TreeMap<>()));
                } else {
                    d.entries().put(e.getKey(), (TreeObj) e.getValue());
                }
                continue;
            }
            stack.pop();
            progress.add(1, 0);
            BlobRef ref = store(d.path(), new TreeObj.Dir(d.entries()).encodeBytes());
            if (stack.isEmpty()) {
                return ref;
            }
            stack.peek().entries().put(d.name(), new TreeObj.DirRef(ref));
        }
    }

    /** A blob sent to be stored; a failure (of it or of one sent before) ends the command. */
    private BlobRef store(String path, byte[] data) {
        try {
            return storer.store(path, data);
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** The hash name and the first 8 digits, as flux-core's restore prints a blobref. */
    private static String shortBlobref(BlobRef ref) {
        String blobref = ref.toString();
        int dash = blobref.indexOf('-');
        return blobref.substring(0, Math.min(blobref.length(), dash + 1 + 8));
    }
}
