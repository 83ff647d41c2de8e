package org.fluxj.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.content.spi.GroupCommitStore;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * A {@link GroupCommitStore} in memory, for tests of what sits on a backing store. Its content
 * is a {@link Content} the test keeps, so a store opened again on the same content sees every
 * write the first one acknowledged, as a store reopened on the same statedir does.
 */
public class MemoryStore extends GroupCommitStore {

    /** What a memory store holds; outlives the store. */
    public static final class Content {
        final Map<BlobRef, byte[]> blobs = new ConcurrentHashMap<>();
        final List<Checkpoint> checkpoints = new ArrayList<>(); // newest first
    }

    private final Content content;

    public MemoryStore(String name, BlobRef.Algorithm algorithm, Content content) {
        super(name, algorithm, new Limits(4096, 1L << 30, 1 << 20));
        this.content = content;
        start();
    }

    @Override
    protected void commit(List<Write> writes) throws ContentException {
        for (Write w : writes) {
            if (w instanceof StoreWrite s) {
                content.blobs.put(s.ref(), s.blob());
            } else if (w instanceof CheckpointWrite c) {
                synchronized (content) {
                    content.checkpoints.add(0, c.checkpoint());
                }
            }
        }
    }

    @Override
    protected byte[] read(BlobRef ref) throws ContentException {
        byte[] b = content.blobs.get(ref);
        if (b == null) {
            throw new ContentException(Errno.ENOENT, name() + ": load: " + ref + ": not stored");
        }
        return b;
    }

    @Override
    protected boolean contains(BlobRef ref) {
        return content.blobs.containsKey(ref);
    }

    @Override
    protected List<Checkpoint> readCheckpoints() {
        synchronized (content) {
            return List.copyOf(content.checkpoints);
        }
    }

    @Override
    protected void shutdown() {
        // nothing held open
    }
}
