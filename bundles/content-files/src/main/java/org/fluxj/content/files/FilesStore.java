package org.fluxj.content.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.GroupCommitStore;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * The content-files backing store: flux-core's layout, {@code statedir/content.files/} holding
 * one file per blob named by its blobref and the checkpoint in the file {@code kvs-primary}
 * (content-files keeps one checkpoint).
 *
 * <p>Durability beyond flux-core: a file is written under a temporary name, synced, and renamed
 * into place, and the directory is synced once per group before the group's stores are
 * acknowledged. A half-written blob is never visible under its blobref.
 */
public final class FilesStore extends GroupCommitStore {
    public static final String DIR = "content.files";
    public static final String CHECKPOINT = "kvs-primary";

    private static final String NAME = "content-files";
    private static final String TMP_PREFIX = ".tmp.";

    /**
     * How the store is opened.
     *
     * @param algorithm the hash algorithm ({@code content.hash})
     * @param sync whether files and the directory are synced before a store is acknowledged
     * @param truncate whether existing content is set aside first (kept as .old until the first checkpoint)
     * @param maxBlob the largest blob accepted
     */
    public record Options(BlobRef.Algorithm algorithm, boolean sync, boolean truncate, long maxBlob) {
        public Options {
            Objects.requireNonNull(algorithm, "algorithm");
        }

        public static Options defaults(BlobRef.Algorithm algorithm) {
            return new Options(algorithm, true, false, 1L << 30);
        }
    }

    private final Path dir;
    private final Options options;
    private long tmpCounter;

    private FilesStore(Path dir, Options options) {
        super(NAME, options.algorithm(), new GroupCommitStore.Limits(4096, 64L << 20, options.maxBlob()));
        this.dir = dir;
        this.options = options;
    }

    /** Opens (creating if need be) {@code statedir/content.files}. */
    public static FilesStore open(Path statedir, Options options) throws ContentException {
        if (!Files.isDirectory(statedir)) {
            throw new ContentException(Files.exists(statedir) ? Errno.ENOTDIR : Errno.ENOENT,
                    NAME + ": statedir " + statedir + ": " + (Files.exists(statedir) ? "not a directory" : "does not exist"));
        }
        Path dir = statedir.resolve(DIR);
        List<Path> setAside = List.of();
        try {
            if (options.truncate()) {
                setAside = setAside(List.of(dir));
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // leftovers of writes a crash interrupted
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().startsWith(TMP_PREFIX)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw error("open " + dir, e);
        }
        FilesStore store = new FilesStore(dir, options);
        store.keepUntilCheckpoint(setAside);
        store.start();
        return store;
    }

    /** The directory of blobs. */
    public Path dir() {
        return dir;
    }

    // ---------------------------------------------------------------- on the writer thread

    @Override
    protected void commit(List<Write> writes) throws ContentException {
        Set<BlobRef> seen = new HashSet<>();
        boolean wrote = false;
        for (Write w : writes) {
            if (w instanceof StoreWrite s) {
                if (!seen.add(s.ref())) {
                    continue;
                }
                Path path = dir.resolve(s.ref().toString());
                if (Files.exists(path)) {
                    continue; // content-addressed: the same name is the same bytes
                }
                writeAtomically(path, s.blob(), "store " + s.ref());
                wrote = true;
            } else if (w instanceof CheckpointWrite c) {
                if (wrote) {
                    syncDir(); // the blobs a checkpoint names are durable before it is
                    wrote = false;
                }
                writeAtomically(dir.resolve(CHECKPOINT), c.checkpoint().encode().getBytes(StandardCharsets.UTF_8),
                        "checkpoint-put");
                wrote = true;
            }
        }
        if (wrote) {
            syncDir();
        }
    }

    private void writeAtomically(Path path, byte[] data, String op) throws ContentException {
        Path tmp = dir.resolve(TMP_PREFIX + path.getFileName() + "." + (tmpCounter++));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (options.sync()) {
                    ch.force(true);
                }
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the error below is the one to report
            }
            throw error(op, e);
        }
    }

    private void syncDir() throws ContentException {
        if (!options.sync()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw error("sync " + dir, e);
        }
    }

    @Override
    protected byte[] read(BlobRef ref) throws ContentException {
        byte[] data;
        try {
            data = Files.readAllBytes(dir.resolve(ref.toString()));
        } catch (NoSuchFileException e) {
            throw new ContentException(Errno.ENOENT, NAME + ": load: " + ref + ": not stored");
        } catch (IOException e) {
            throw error("load " + ref, e);
        }
        if (!ref.matches(data)) {
            throw new ContentException(Errno.EIO, NAME + ": load: " + ref + ": stored object does not match its hash");
        }
        return data;
    }

    @Override
    protected boolean contains(BlobRef ref) {
        return Files.isRegularFile(dir.resolve(ref.toString()));
    }

    @Override
    protected List<Checkpoint> readCheckpoints() throws ContentException {
        String text;
        try {
            text = Files.readString(dir.resolve(CHECKPOINT), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw error("checkpoint-get", e);
        }
        try {
            return List.of(Checkpoint.decode(text));
        } catch (FormatException e) {
            throw new ContentException(Errno.EINVAL, NAME + ": checkpoint-get: " + e.getMessage());
        }
    }

    @Override
    protected void shutdown() {
        // nothing held open
    }

    // ---------------------------------------------------------------- errors

    /** An I/O error with the errno its reason names (Java keeps only glibc's text of it). */
    static ContentException error(String op, IOException e) {
        Errno errno = Errno.EIO;
        String text = e.getMessage();
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
        } else if (e instanceof AccessDeniedException) {
            errno = Errno.EACCES;
        } else if (e instanceof NotDirectoryException) {
            errno = Errno.ENOTDIR;
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            for (Errno candidate : List.of(Errno.ENOSPC, Errno.EROFS, Errno.EACCES, Errno.EPERM, Errno.ENOTDIR,
                    Errno.EDQUOT, Errno.EIO)) {
                if (fse.getReason().equals(candidate.message())) {
                    errno = candidate;
                }
            }
        } else if (text != null) {
            for (Errno candidate : List.of(Errno.ENOSPC, Errno.EROFS, Errno.EDQUOT)) {
                if (text.contains(candidate.message())) {
                    errno = candidate;
                }
            }
        }
        return new ContentException(errno, NAME + ": " + op + ": " + (text == null ? errno.message() : text.replace('\n', ' ')), e);
    }

    @Override
    public String toString() {
        return NAME + "(" + dir + ")";
    }
}
