package org.fluxj.kvs;

import java.util.HashMap;
import java.util.Map;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.RequestException;
import org.fluxj.module.testing.ModuleFixture;

/** An in-memory content store (content.store and content.load) for kvs module tests. */
final class MemoryContent {
    final Map<BlobRef, byte[]> blobs = new HashMap<>();

    /** {@code f} with its content requests answered from this store. */
    ModuleFixture serve(ModuleFixture f) {
        return f.answerRaw("content.store", m -> {
            byte[] blob = m.hasPayload() ? m.payload() : new byte[0];
            BlobRef ref = BlobRef.hash(BlobRef.Algorithm.SHA1, blob);
            blobs.put(ref, blob);
            return ref.digest();
        }).answerRaw("content.load", m -> {
            byte[] b = blobs.get(BlobRef.ofDigest(BlobRef.Algorithm.SHA1, m.payload()));
            if (b == null) {
                throw new RequestException(Errno.ENOENT, null);
            }
            return b;
        });
    }
}
