package org.fluxj.content.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fluxj.content.SigkillTestBase;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** content-files survives SIGKILL. */
public class SigkillTest extends SigkillTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"files"})
    void everyAcknowledgedWriteSurvivesSigkill(String kind) throws Exception {
        survivesSigkill(kind);
    }

    @Override
    protected BackingStore open(String kind, Path statedir) throws ContentException {
        return FilesStore.open(statedir, FilesStore.Options.defaults(Algorithm.SHA1));
    }

    @Override
    protected void verifyEveryObject(Path statedir, long acked) throws Exception {
        try (var files = Files.list(statedir.resolve(FilesStore.DIR))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.equals(FilesStore.CHECKPOINT)) {
                    assertTrue(BlobRef.parse(name).matches(Files.readAllBytes(p)), name);
                }
            }
        }
    }
}
