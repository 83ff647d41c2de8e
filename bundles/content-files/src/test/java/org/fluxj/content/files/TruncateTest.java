package org.fluxj.content.files;

import java.nio.file.Path;
import org.fluxj.content.TruncateTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** content-files' {@code truncate}: the content.files directory set aside. */
class TruncateTest extends TruncateTestBase {

    @Override
    protected BackingStore open(Path dir, boolean truncate) throws ContentException {
        return FilesStore.open(dir, new FilesStore.Options(Algorithm.SHA1, true, truncate, 1 << 20));
    }

    @Override
    protected String file() {
        return FilesStore.DIR;
    }
}
