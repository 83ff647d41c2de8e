package org.fluxj.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fluxj.content.api.BackingStore;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/** Whatever is stored loads back the same, under the blobref of its bytes, in both stores. */
class StorePropertiesTest {
    private static Path dir;
    private static BackingStore sqlite;
    private static BackingStore files;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("fluxj-store-props");
        Files.createDirectories(dir.resolve("s"));
        Files.createDirectories(dir.resolve("f"));
        sqlite = SqliteStore.open(dir.resolve("s"), SqliteStore.Options.defaults(Algorithm.SHA256)
                .withSynchronous(SqliteStore.Synchronous.OFF));
        files = FilesStore.open(dir.resolve("f"), new FilesStore.Options(Algorithm.SHA256, false, false, 1 << 20));
    }

    @AfterContainer
    static void close() throws Exception {
        sqlite.close();
        files.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 200)
    void storedBlobsLoadBack(@ForAll @Size(max = 20) List<@Size(max = 2000) byte[]> blobs) throws Exception {
        for (BackingStore store : List.of(sqlite, files)) {
            List<CompletableFuture<BlobRef>> refs = new ArrayList<>();
            for (byte[] b : blobs) {
                refs.add(store.store(b));
            }
            for (int i = 0; i < blobs.size(); i++) {
                BlobRef ref = Blobs.get(refs.get(i));
                assertEquals(BlobRef.hash(Algorithm.SHA256, blobs.get(i)), ref);
                assertArrayEquals(blobs.get(i), Blobs.get(store.load(ref)));
            }
        }
    }
}
