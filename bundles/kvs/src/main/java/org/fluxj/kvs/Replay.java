package org.fluxj.kvs;

import java.util.function.BiConsumer;
import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.api.RequestException;

/**
 * flux-core's stall and replay: a lookup or a commit runs against the object cache; when it
 * misses objects, they are loaded and it runs again from the start.
 */
final class Replay {
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
        run(a, done, 0);
    }

    private <T> void run(Attempt<T> a, BiConsumer<T, Throwable> done, int tries) {
        T result;
        try {
            result = a.run();
        } catch (Missing m) {
            if (tries > 1000) {
                done.accept(null, new RequestException(Errno.EIO, "kvs: objects keep dropping out of the cache"));
                return;
            }
            cache.load(m.refs()).whenComplete((v, e) -> {
                if (e != null) {
                    done.accept(null, e);
                } else {
                    run(a, done, tries + 1);
                }
            });
            return;
        } catch (RequestException | RuntimeException e) {
            done.accept(null, e);
            return;
        }
        done.accept(result, null);
    }
}
