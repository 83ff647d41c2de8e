package org.fluxj.content.sqlite;

import java.nio.file.Path;
import org.fluxj.content.TruncateTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** content-sqlite's {@code truncate}: content.sqlite and its -wal set aside. */
class TruncateTest extends TruncateTestBase {

    @Override
    protected BackingStore open(Path dir, boolean truncate) throws ContentException {
        return SqliteStore.open(dir, SqliteStore.Options.defaults(Algorithm.SHA1).withTruncate(truncate));
    }

    @Override
    protected String file() {
        return SqliteStore.FILE;
    }
}
