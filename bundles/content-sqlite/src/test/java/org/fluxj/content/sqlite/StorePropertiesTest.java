package org.fluxj.content.sqlite;

import java.nio.file.Path;
import org.fluxj.content.StorePropertiesTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** Whatever content-sqlite stores loads back the same. */
class StorePropertiesTest extends StorePropertiesTestBase {

    @Override
    protected BackingStore open(Path statedir) throws ContentException {
        return SqliteStore.open(statedir, SqliteStore.Options.defaults(Algorithm.SHA256)
                .withSynchronous(SqliteStore.Synchronous.OFF));
    }
}
