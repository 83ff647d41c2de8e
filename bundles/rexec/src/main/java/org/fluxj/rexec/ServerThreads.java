package org.fluxj.rexec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The server's threads: all daemons, named for {@code jstack}, pipe readers with small stacks. */
final class ServerThreads {
    /** A pipe reader needs little stack: one read buffer and a few frames. */
    private static final long IO_STACK = 256 * 1024;

    private ServerThreads() {
    }

    /** The serial executor all server state lives on. */
    static ExecutorService serial(String name) {
        return Executors.newSingleThreadExecutor(factory(name, 0));
    }

    /** A fixed pool that spawns children, so that spawns overlap. */
    static ExecutorService spawn(String name, int threads) {
        return Executors.newFixedThreadPool(threads, factory(name + "-spawn", 0));
    }

    /** Pipe readers and stdin writers: a thread is held only while its pipe is busy, and reused. */
    static ExecutorService io(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory(name + "-io", IO_STACK));
    }

    private static ThreadFactory factory(String name, long stack) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), stack);
            t.setDaemon(true);
            return t;
        };
    }
}
