package org.fluxj.content.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fluxj.content.SigkillTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** content-sqlite survives SIGKILL, with synchronous=FULL and NORMAL. */
public class SigkillTest extends SigkillTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"sqlite-full", "sqlite-normal"})
    void everyAcknowledgedWriteSurvivesSigkill(String kind) throws Exception {
        survivesSigkill(kind);
    }

    @Override
    protected BackingStore open(String kind, Path statedir) throws ContentException {
        SqliteStore.Options o = SqliteStore.Options.defaults(Algorithm.SHA1);
        return SqliteStore.open(statedir, kind.equals("sqlite-normal") ? o.withSynchronous(SqliteStore.Synchronous.NORMAL) : o);
    }

    @Override
    protected void verifyEveryObject(Path statedir, long acked) throws Exception {
        long rows = SqliteFile.verifyAllObjects(statedir.resolve(SqliteStore.FILE), Algorithm.SHA1);
        assertTrue(rows >= acked, rows + " rows");
    }
}
