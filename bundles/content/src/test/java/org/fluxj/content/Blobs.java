package org.fluxj.content;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.fluxj.content.api.ContentException;

/** Helpers shared by the content tests and the backing stores' tests. */
public final class Blobs {
    private Blobs() {
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A reproducible random blob of 0 to {@code max} bytes. */
    public static byte[] random(long seed, int max) {
        Random r = new Random(seed);
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    /** The result of a future, or the ContentException it failed with, thrown. */
    public static <T> T get(CompletableFuture<T> f) throws ContentException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ContentException ce) {
                throw ce;
            }
            throw e;
        }
    }
}
