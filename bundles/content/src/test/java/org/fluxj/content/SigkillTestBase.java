package org.fluxj.content;

import static org.fluxj.content.Blobs.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.content.api.ContentException;
import org.fluxj.formats.treeobj.BlobRef;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged store survives SIGKILL: a child JVM stores blobs from 8 writers and prints
 * each acknowledgement; it is killed with SIGKILL mid-stream; the store reopened here must hold
 * every acknowledged blob and checkpoint, and every object in it must match its hash.
 *
 * <p>Each backing store's {@code SigkillTest} extends this: a public class with a public
 * no-argument constructor, since the child ({@link StoreLoopMain}) makes one to open its store.
 */
public abstract class SigkillTestBase {
    private static final int ACKS_BEFORE_KILL = 1500;

    @TempDir
    Path statedir;

    /** Opens the store of {@code kind} (what the subclass's test names) in {@code statedir}. */
    protected abstract BackingStore open(String kind, Path statedir) throws ContentException;

    /**
     * Checks behind the store's back that every object it holds matches its hash, and that it
     * holds at least {@code acked} of them.
     */
    protected abstract void verifyEveryObject(Path statedir, long acked) throws Exception;

    protected final void survivesSigkill(String kind) throws Exception {
        Path stderr = statedir.resolve("child.err");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreLoopMain.class.getName(), getClass().getName(), kind, statedir.toString(), "8")
                .redirectError(stderr.toFile())
                .start();
        List<BlobRef> acked = new ArrayList<>();
        long lastSequence = 0;
        String partial = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("S ") && BlobRef.isValid(line.substring(2))) {
                    acked.add(BlobRef.parse(line.substring(2)));
                } else if (line.startsWith("C ") && line.split(" ").length == 3 && BlobRef.isValid(line.split(" ")[2])) {
                    lastSequence = Long.parseLong(line.split(" ")[1]);
                } else {
                    partial = line;
                }
                if (acked.size() == ACKS_BEFORE_KILL) {
                    // SIGKILL; Process.destroyForcibly would also close our end of the pipe,
                    // the process handle only signals, so lines already written are still read
                    child.toHandle().destroyForcibly();
                }
            }
        }
        int status = child.waitFor();
        assertTrue(acked.size() >= ACKS_BEFORE_KILL, "the child stopped early: " + Files.readString(stderr));
        assertEquals(137, status, "killed by SIGKILL");
        assertTrue(partial == null, "every line is written whole: " + partial);
        assertTrue(lastSequence > 0, "checkpoints were acknowledged");

        try (BackingStore store = open(kind, statedir)) {
            for (BlobRef ref : acked) {
                get(store.load(ref)); // the store checks the content against the ref
            }
            List<Checkpoint> checkpoints = get(store.checkpointGet());
            assertFalse(checkpoints.isEmpty());
            assertTrue(checkpoints.get(0).sequence() >= lastSequence,
                    "newest checkpoint " + checkpoints.get(0).sequence() + " older than acknowledged " + lastSequence);
            get(store.load(checkpoints.get(0).rootref()));
        }
        verifyEveryObject(statedir, acked.stream().distinct().count());
    }
}
