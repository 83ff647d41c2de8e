package org.fluxj.kvs;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.kernel.api.RequestException;

/**
 * flux-core's stall and replay: a lookup or a commit runs against the object cache; when it
 * misses objects, they are loaded and it runs again from the start. A key N directories deep
 * misses N times on a cold cache, so only replays that make no progress (missing again what was
 * just loaded) are bounded; and {@code done} is called whatever the attempt throws, since a
 * commit whose batch never finishes would hang every later commit to its namespace.
 */
final class Replay {
    /** Replays in a row that miss objects just loaded: the cache is too small for the attempt. */
    static final int STALE_LIMIT = 1000;

    private final ObjectCache cache;

    Replay(ObjectCache cache) {
        this.cache = cache;
    }

    /** What runs against the cache: throws {@link Missing} naming what it lacked. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Missing, RequestException;
    }

    /** Runs {@code a}; whenever it misses objects, loads them and runs it again. */
    <T> void run(Attempt<T> a, BiConsumer<T, Throwable> done) {
        run(a, done, Set.of(), 0);
    }

    private <T> void run(Attempt<T> a, BiConsumer<T, Throwable> done, Set<BlobRef> loaded, int stale) {
        while (true) {
            T result;
            try {
                result = a.run();
            } catch (Missing m) {
                int s = loaded.containsAll(m.refs()) ? stale + 1 : 0;
                if (s > STALE_LIMIT) {
                    done.accept(null, new RequestException(Errno.EIO, "kvs: objects keep dropping out of the cache"));
                    return;
                }
                CompletableFuture<Void> f = cache.load(m.refs());
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    loaded = m.refs(); // loaded at once: loop rather than recurse, however deep the key
                    stale = s;
                    continue;
                }
                f.whenComplete((v, e) -> {
                    if (e != null) {
                        done.accept(null, e);
                    } else {
                        run(a, done, m.refs(), s);
                    }
                });
                return;
            } catch (RequestException | RuntimeException | Error e) {
                // StackOverflowError included: the request is answered and the namespace goes on
                done.accept(null, e);
                return;
            }
            answer(done, result);
            return;
        }
    }

    /**
     * Hands over the result; should {@code done} throw with it (its answer could not be made: a
     * value too large to encode, say), it is called again with what was thrown, so the request is
     * answered with that instead of never -- this runs in a load's callback, where a throw is lost.
     */
    private static <T> void answer(BiConsumer<T, Throwable> done, T result) {
        try {
            done.accept(result, null);
        } catch (RuntimeException | Error e) {
            done.accept(null, e);
        }
    }
}
