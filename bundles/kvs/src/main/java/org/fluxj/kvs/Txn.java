package org.fluxj.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.JsonLimits;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;

/**
 * Applying a commit's operations to a root directory, as flux-core's kvstxn.c: each operation
 * links a tree object at a key (creating directories on the way, replacing values that stood
 * where a directory is needed), unlinks it (JSON null), or with {@code FLUX_KVS_APPEND} appends
 * a value to it. Directories are copied on write, so the root given is never changed; the
 * result holds modified directories inline until {@link #unroll} stores them.
 */
final class Txn {
    /** RFC 11 op: {@code {"key":K,"flags":F,"dirent":TREEOBJ|null}}; a null dirent unlinks. */
    record Op(String key, int flags, TreeObj dirent) {
        /** Parses one op as txn_decode_op (exactly these three keys). */
        static Op fromJson(JsonNode op) throws RequestException {
            if (op == null || !op.isObject() || op.size() != 3 || !op.path("key").isTextual()
                    || !op.path("flags").isIntegralNumber() || !op.has("dirent")) {
                throw new RequestException(Errno.EPROTO, "malformed commit operation " + brief(op));
            }
            String key = op.get("key").asText();
            if (key.isEmpty()) {
                throw new RequestException(Errno.EINVAL, "commit operation has an empty key");
            }
            if (key.indexOf('\0') >= 0) {
                throw new RequestException(Errno.EINVAL, "key " + key.replace("\0", "\\0") + " contains a NUL character");
            }
            int flags = op.get("flags").asInt();
            if ((flags & ~KvsFlags.APPEND) != 0) {
                throw new RequestException(Errno.EINVAL, "commit operation on " + key + ": invalid flags " + flags);
            }
            JsonNode d = op.get("dirent");
            TreeObj dirent = null;
            if (!d.isNull()) {
                try {
                    dirent = TreeObj.fromJson(d);
                } catch (FormatException e) {
                    throw new RequestException(Errno.EINVAL, "commit operation on " + key + ": " + e.getMessage());
                }
            }
            return new Op(key, flags, dirent);
        }

        private static String brief(JsonNode n) {
            String s = String.valueOf(n);
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
    }

    /** What applying some ops made: the new root (modified directories inline) and blobs to store. */
    record Result(TreeObj.Dir root, Map<BlobRef, byte[]> blobs) {
    }

    /** A directory being modified: entries are tree objects or modified subdirectories. */
    private static final class WorkDir {
        final TreeMap<String, Object> entries;

        WorkDir(TreeObj.Dir d) {
            entries = new TreeMap<>(d.entries());
        }

        /** This directory with its modified subdirectories inline, frozen children first. */
        TreeObj.Dir freeze() {
            return PostOrder.fold(this, WorkDir::subdirs, (w, frozen) -> {
                TreeMap<String, TreeObj> m = new TreeMap<>();
                for (Map.Entry<String, Object> e : w.entries.entrySet()) {
                    m.put(e.getKey(), e.getValue() instanceof WorkDir c ? frozen.get(c) : (TreeObj) e.getValue());
                }
                return new TreeObj.Dir(m);
            });
        }

        private List<WorkDir> subdirs() {
            List<WorkDir> out = new ArrayList<>();
            for (Object v : entries.values()) {
                if (v instanceof WorkDir w) {
                    out.add(w);
                }
            }
            return out;
        }
    }

    private static final int LINK_DEPTH_LIMIT = 10;

    private final ObjectCache cache;
    private final BlobRef.Algorithm algorithm;
    private final String namespace;

    Txn(ObjectCache cache, BlobRef.Algorithm algorithm, String namespace) {
        this.cache = cache;
        this.algorithm = algorithm;
        this.namespace = namespace;
    }

    /** Applies {@code ops} in order to {@code root}; all or nothing. */
    Result apply(TreeObj.Dir root, List<Op> ops) throws Missing, RequestException {
        WorkDir work = new WorkDir(root);
        Map<BlobRef, byte[]> blobs = new LinkedHashMap<>();
        for (Op op : ops) {
            link(work, op.key(), op, blobs, 0);
        }
        return new Result(work.freeze(), blobs);
    }

    private void link(WorkDir root, String key, Op op, Map<BlobRef, byte[]> blobs, int depth) throws Missing, RequestException {
        String path = KeyPath.normalize(key).key();
        if (path.equals(".")) {
            throw new RequestException(Errno.EINVAL, "cannot commit to the root directory");
        }
        List<String> comps = Lookup.components(path);
        WorkDir dir = root;
        for (int i = 0; i < comps.size() - 1; i++) {
            String name = comps.get(i);
            Object e = dir.entries.get(name);
            WorkDir sub;
            if (e instanceof WorkDir w) {
                sub = w;
            } else if (e instanceof TreeObj.Dir d) {
                sub = new WorkDir(d);
            } else if (e instanceof TreeObj.DirRef r) {
                sub = new WorkDir(cache.dir(Lookup.single(r.refs())));
            } else if (e instanceof TreeObj.Symlink s) {
                if (s.namespace().isPresent() && !s.namespace().get().equals(namespace)) {
                    throw new RequestException(Errno.EINVAL, "cannot write through a symlink into namespace "
                            + s.namespace().get());
                }
                if (depth == LINK_DEPTH_LIMIT) {
                    throw new RequestException(Errno.ELOOP, null);
                }
                String rest = String.join(".", comps.subList(i + 1, comps.size()));
                link(root, s.target() + "." + rest, op, blobs, depth + 1);
                return;
            } else {
                // absent, or a value where a directory is needed
                if (op.dirent() == null) {
                    return; // unlinking what does not exist
                }
                sub = new WorkDir(TreeObj.Dir.empty());
            }
            dir.entries.put(name, sub);
            dir = sub;
        }
        String name = comps.get(comps.size() - 1);
        if (op.dirent() == null) {
            dir.entries.remove(name);
        } else if ((op.flags() & KvsFlags.APPEND) != 0) {
            append(dir, name, op.dirent(), blobs);
        } else {
            dir.entries.put(name, op.dirent());
        }
    }

    private void append(WorkDir dir, String name, TreeObj dirent, Map<BlobRef, byte[]> blobs) throws RequestException {
        if (!(dirent instanceof TreeObj.Val v)) {
            throw new RequestException(Errno.EPROTO, "only a val may be appended");
        }
        Object e = dir.entries.get(name);
        if (e == null) {
            dir.entries.put(name, dirent);
        } else if (e instanceof TreeObj.ValRef r) {
            dir.entries.put(name, r.append(store(v.data(), blobs)));
        } else if (e instanceof TreeObj.Val old) {
            BlobRef first = store(old.data(), blobs);
            dir.entries.put(name, new TreeObj.ValRef(first).append(store(v.data(), blobs)));
        } else if (e instanceof TreeObj.Symlink) {
            throw new RequestException(Errno.EOPNOTSUPP, null);
        } else {
            throw new RequestException(Errno.EISDIR, null);
        }
    }

    private BlobRef store(byte[] data, Map<BlobRef, byte[]> blobs) {
        BlobRef ref = BlobRef.hash(algorithm, data);
        cache.put(ref, data, null);
        blobs.putIfAbsent(ref, data);
        return ref;
    }

    /**
     * Stores what a commit made, as kvstxn_unroll: each inline directory becomes a dirref to its
     * stored self, depth first, and each value whose base64 text is over
     * BlobRef.MAX_STRING_SIZE characters a valref. Returns the root to store; the blobs to
     * store (not the root) are added to {@code blobs}.
     */
    TreeObj.Dir unroll(TreeObj.Dir dir, Map<BlobRef, byte[]> blobs) {
        return PostOrder.fold(dir, Txn::inlineDirs, (d, unrolled) -> {
            TreeMap<String, TreeObj> out = new TreeMap<>();
            boolean changed = false;
            for (Map.Entry<String, TreeObj> e : d.entries().entrySet()) {
                TreeObj o = e.getValue();
                if (o instanceof TreeObj.Dir sub) {
                    o = new TreeObj.DirRef(storeDir(unrolled.get(sub), blobs));
                    changed = true;
                } else if (o instanceof TreeObj.Val v && base64Length(v.length()) > BlobRef.MAX_STRING_SIZE) {
                    o = new TreeObj.ValRef(store(v.data(), blobs));
                    changed = true;
                }
                out.put(e.getKey(), o);
            }
            return changed ? new TreeObj.Dir(out) : d;
        });
    }

    private static List<TreeObj.Dir> inlineDirs(TreeObj.Dir d) {
        List<TreeObj.Dir> out = new ArrayList<>();
        for (TreeObj o : d.entries().values()) {
            if (o instanceof TreeObj.Dir sub) {
                out.add(sub);
            }
        }
        return out;
    }

    /**
     * Stores a directory with no inline directories left, and caches it. Its text is checked
     * against the limits the KVS reads it back with (JsonLimits, through encode): a directory
     * that could not be read back after a restart is refused before its commit is answered.
     */
    BlobRef storeDir(TreeObj.Dir stored, Map<BlobRef, byte[]> blobs) {
        byte[] data = stored.encodeBytes();
        JsonLimits.checkDocument(data.length);
        BlobRef ref = BlobRef.hash(algorithm, data);
        cache.put(ref, data, stored);
        blobs.putIfAbsent(ref, data);
        return ref;
    }

    static int base64Length(int n) {
        return (n + 2) / 3 * 4;
    }
}
