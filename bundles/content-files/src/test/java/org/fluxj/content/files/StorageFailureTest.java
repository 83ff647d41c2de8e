package org.fluxj.content.files;

import java.nio.file.Path;
import org.fluxj.content.StorageFailureTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;

/** content-files on a full disk and on a read-only statedir. */
class StorageFailureTest extends StorageFailureTestBase {

    @Override
    protected BackingStore open(Path statedir) throws ContentException {
        return FilesStore.open(statedir, FilesStore.Options.defaults(Algorithm.SHA1));
    }

    @Test
    void filesOnAFullDisk() throws Exception {
        fullDisk("content-files: store ", "No space left on device");
    }

    @Test
    void filesOnAReadOnlyStatedir() throws Exception {
        readOnly();
    }
}
