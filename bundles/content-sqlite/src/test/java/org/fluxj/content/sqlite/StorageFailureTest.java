package org.fluxj.content.sqlite;

import java.nio.file.Path;
import org.fluxj.content.StorageFailureTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;

/** content-sqlite on a full disk and on a read-only statedir. */
class StorageFailureTest extends StorageFailureTestBase {

    @Override
    protected BackingStore open(Path statedir) throws ContentException {
        return SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA1));
    }

    @Test
    void sqliteOnAFullDisk() throws Exception {
        fullDisk("content-sqlite: store: ", "full");
    }

    @Test
    void sqliteOnAReadOnlyStatedir() throws Exception {
        readOnly();
    }
}
