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
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;

/**
 * Whatever is stored loads back the same, under the blobref of its bytes. Each backing store's
 * {@code StorePropertiesTest} extends this; one store serves every try of the property.
 */
public abstract class StorePropertiesTestBase {
    private Path dir;
    private BackingStore store;

    /** Opens the store under test in {@code statedir}, hashing with SHA-256, without syncs. */
    protected abstract BackingStore open(Path statedir) throws ContentException;

    @BeforeProperty
    void openStore() throws Exception {
        dir = Files.createTempDirectory("fluxj-store-props");
        store = open(dir);
    }

    @AfterProperty
    void closeStore() throws Exception {
        store.close();
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
