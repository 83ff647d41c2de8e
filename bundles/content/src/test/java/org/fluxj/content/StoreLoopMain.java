package org.fluxj.content;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fluxj.content.api.BackingStore;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.formats.treeobj.BlobRef;

/**
 * The child process of {@link SigkillTestBase}: opens a store and has several writers store
 * blobs without end, each printing a line for every acknowledged blob ({@code S <blobref>}) and,
 * writer 0, for every acknowledged checkpoint ({@code C <sequence> <rootref>}). It runs until
 * it is killed.
 *
 * <p>Usage: {@code StoreLoopMain TESTCLASS KIND STATEDIR WRITERS}, where TESTCLASS is the
 * {@code SigkillTestBase} subclass that opens a store of KIND.
 */
public final class StoreLoopMain {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private StoreLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        SigkillTestBase test = (SigkillTestBase) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Path statedir = Path.of(args[2]);
        int writers = Integer.parseInt(args[3]);
        BackingStore store = test.open(args[1], statedir);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> loop(store, writer), "writer-" + w);
            t.start();
        }
    }

    private static void loop(BackingStore store, int writer) {
        long sequence = 0;
        for (long i = 0;; i++) {
            byte[] blob = Blobs.random(writer * 1_000_000_000L + i, 16384);
            BlobRef ref = store.store(blob).join();
            print("S " + ref);
            if (writer == 0 && i % 20 == 19) {
                sequence++;
                store.checkpointPut(new Checkpoint(ref, sequence, System.currentTimeMillis() / 1000.0)).join();
                print("C " + sequence + " " + ref);
            }
        }
    }

    /** One write(2) of a whole line: a line the parent reads was acknowledged. */
    private static void print(String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (OUT) {
            try {
                OUT.write(b);
            } catch (IOException e) {
                System.exit(3);
            }
        }
    }
}
