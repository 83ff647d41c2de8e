package org.fluxj.kvs;

import java.util.Set;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * Thrown by a lookup or a transaction that needs objects not in the cache: the caller loads
 * {@link #refs()} and runs it again from the start, as flux-core's stall and replay.
 */
final class Missing extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Set<BlobRef> refs;

    Missing(Set<BlobRef> refs) {
        super(null, null, false, false);
        this.refs = refs;
    }

    Set<BlobRef> refs() {
        return refs;
    }
}
