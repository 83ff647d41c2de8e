package org.fluxj.kvs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KeyPath;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import org.fluxj.kernel.api.RequestException;

/**
 * A key looked up at a root, as flux-core's kvs lookup.c: path components walked from the
 * root directory, symlinks followed (across namespaces the requester may reach, at most
 * {@value #SYMLINK_CYCLE_LIMIT} deep), and the final object turned into what the flags ask
 * for: a value (valrefs' blobs joined into a val), a directory ({@code READDIR}), a symlink
 * ({@code READLINK}) or the tree object as stored ({@code TREEOBJ}). A key that does not
 * exist gives null. Pure over the cache: a missing object throws {@link Missing}.
 */
final class Lookup {
    static final int SYMLINK_CYCLE_LIMIT = 10;

    /** Where a symlink naming a namespace leads: that namespace's root, if the requester may see it. */
    interface Namespaces {
        BlobRef root(String namespace) throws RequestException;
    }

    private final ObjectCache cache;
    private final Namespaces namespaces;

    Lookup(ObjectCache cache, Namespaces namespaces) {
        this.cache = cache;
        this.namespaces = namespaces;
    }

    /** The object for {@code key} at {@code root}, or null if there is none. */
    TreeObj lookup(BlobRef root, String key, int flags) throws Missing, RequestException {
        String path = KeyPath.normalize(key).key();
        if (path.equals(".")) {
            if ((flags & KvsFlags.TREEOBJ) != 0) {
                return new TreeObj.DirRef(root);
            }
            if ((flags & KvsFlags.READDIR) == 0) {
                throw new RequestException(Errno.EISDIR, null);
            }
            return cache.dir(root);
        }
        boolean followLast = (flags & (KvsFlags.READLINK | KvsFlags.TREEOBJ)) == 0;
        TreeObj dirent = walk(root, components(path), 0, followLast);
        if (dirent == null) {
            return null;
        }
        return value(dirent, flags);
    }

    static List<String> components(String normalizedKey) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= normalizedKey.length(); i++) {
            if (i == normalizedKey.length() || normalizedKey.charAt(i) == KeyPath.SEPARATOR) {
                out.add(normalizedKey.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** The dirent at the end of {@code comps} from {@code root}, or null where the path ends early. */
    private TreeObj walk(BlobRef root, List<String> comps, int depth, boolean followLast)
            throws Missing, RequestException {
        TreeObj cur = new TreeObj.DirRef(root);
        for (int i = 0; i < comps.size(); i++) {
            TreeObj.Dir dir;
            if (cur instanceof TreeObj.DirRef r) {
                dir = cache.dir(single(r.refs()));
            } else if (cur instanceof TreeObj.Dir d) {
                dir = d;
            } else if (cur instanceof TreeObj.Val || cur instanceof TreeObj.ValRef) {
                return null; // a value in the middle of the path: no such key
            } else {
                throw new RequestException(Errno.ENOTRECOVERABLE, "kvs: unexpected " + cur.type() + " in path");
            }
            Optional<TreeObj> entry = dir.get(comps.get(i));
            if (entry.isEmpty()) {
                return null;
            }
            TreeObj e = entry.get();
            boolean last = i == comps.size() - 1;
            if (e instanceof TreeObj.Symlink s && (!last || followLast)) {
                if (depth == SYMLINK_CYCLE_LIMIT) {
                    throw new RequestException(Errno.ELOOP, null);
                }
                BlobRef linkRoot = s.namespace().isPresent() ? namespaces.root(s.namespace().get()) : root;
                String target = KeyPath.normalize(s.target()).key();
                if (target.equals(".")) {
                    cur = new TreeObj.DirRef(linkRoot);
                } else {
                    cur = walk(linkRoot, components(target), depth + 1, true);
                    if (cur == null) {
                        return null;
                    }
                }
            } else {
                cur = e;
            }
        }
        return cur;
    }

    static BlobRef single(List<BlobRef> refs) throws RequestException {
        if (refs.size() != 1) {
            throw new RequestException(Errno.ENOTRECOVERABLE, "kvs: invalid dirref count: " + refs.size());
        }
        return refs.get(0);
    }

    private TreeObj value(TreeObj dirent, int flags) throws Missing, RequestException {
        if ((flags & KvsFlags.TREEOBJ) != 0) {
            return dirent;
        }
        boolean readlink = (flags & KvsFlags.READLINK) != 0;
        boolean readdir = (flags & KvsFlags.READDIR) != 0;
        if (dirent instanceof TreeObj.DirRef r) {
            if (readlink) {
                throw new RequestException(Errno.EINVAL, null);
            }
            if (!readdir) {
                throw new RequestException(Errno.EISDIR, null);
            }
            return cache.dir(single(r.refs()));
        }
        if (dirent instanceof TreeObj.Dir) {
            if (readlink) {
                throw new RequestException(Errno.EINVAL, null);
            }
            if (!readdir) {
                throw new RequestException(Errno.EISDIR, null);
            }
            return dirent;
        }
        if (dirent instanceof TreeObj.ValRef v) {
            if (readlink) {
                throw new RequestException(Errno.EINVAL, null);
            }
            if (readdir) {
                throw new RequestException(Errno.ENOTDIR, null);
            }
            return new TreeObj.Val(join(v.refs()));
        }
        if (dirent instanceof TreeObj.Val) {
            if (readlink) {
                throw new RequestException(Errno.EINVAL, null);
            }
            if (readdir) {
                throw new RequestException(Errno.ENOTDIR, null);
            }
            return dirent;
        }
        // a symlink, only reached with READLINK
        if (readdir) {
            throw new RequestException(Errno.ENOTDIR, null);
        }
        return dirent;
    }

    /** The blobs of a valref joined; every missing one is reported at once. */
    byte[] join(List<BlobRef> refs) throws Missing {
        Set<BlobRef> missing = new LinkedHashSet<>();
        for (BlobRef r : refs) {
            if (cache.blob(r) == null) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new Missing(missing);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BlobRef r : refs) {
            out.writeBytes(cache.blob(r));
        }
        return out.toByteArray();
    }
}
