package org.fluxj.content.files;

import java.nio.file.Path;
import org.fluxj.content.StorePropertiesTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** Whatever content-files stores loads back the same. */
class StorePropertiesTest extends StorePropertiesTestBase {

    @Override
    protected BackingStore open(Path statedir) throws ContentException {
        return FilesStore.open(statedir, new FilesStore.Options(Algorithm.SHA256, false, false, 1 << 20));
    }
}
