package org.fluxj.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.fluxj.formats.msg.Errno;
import org.fluxj.kernel.api.Severity;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The overlay's one thread and its ZeroMQ context (the reactor of flux-core's overlay module): it
 * creates, binds, connects and polls every socket the overlay uses, runs the work other threads
 * {@link #submit}, and calls the {@link Timers} around each poll. A JeroMQ socket is never handed
 * from one thread to another; only the wake-up socket is shared, under a lock.
 */
final class IoThread {
    /** What runs around each poll: the overlay's ticks, probes and handshake kicks. */
    interface Timers {
        /** Before a poll: returns the nanoTime by which the thread must wake. */
        long beforePoll(long now);

        /** After a poll and the handlers it called. */
        void afterPoll(long now);
    }

    /** Every failed-handshake event a socket monitor can report. */
    static final int HANDSHAKE_FAILED = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
            | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;

    /** What a thread log line goes to. */
    interface Log {
        void log(int severity, String text);
    }

    private record Handler(ZMQ.Socket socket, String what, Runnable onReadable) {
    }

    private final ZContext ctx;
    private final Log log;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Object wakeLock = new Object();
    private final String wakeEndpoint;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Handler> handlers = new ArrayList<>(); // the thread's own
    private final Thread thread;
    private ZMQ.Socket wakeTx; // any thread, under wakeLock
    private ZMQ.Socket wakeRx;
    private boolean pollerDirty = true;
    private boolean contextClosed; // guarded by wakeLock
    private volatile boolean closing;
    private Timers timers;
    private Runnable onExit;

    /** Makes the context ({@code ioThreads} JeroMQ I/O threads); {@link #start} starts the thread. */
    IoThread(String name, int ioThreads, int lingerMs, String id, Log log) {
        this.log = log;
        this.ctx = new ZContext(ioThreads);
        this.ctx.setLinger(lingerMs);
        this.wakeEndpoint = "inproc://overlay-wake-" + id;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread and waits until it can take work. */
    void start(Timers t, Runnable exit) {
        this.timers = t;
        this.onExit = exit;
        thread.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("overlay thread did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the overlay thread", e);
        }
        ZMQ.Socket tx = ctx.createSocket(SocketType.PAIR);
        tx.connect(wakeEndpoint);
        synchronized (wakeLock) {
            wakeTx = tx;
        }
    }

    /** The context the overlay's sockets are made in (on this thread only). */
    ZContext context() {
        return ctx;
    }

    boolean closing() {
        return closing;
    }

    /** This thread: polls {@code socket} from now on and runs {@code onReadable} when it has input. */
    void register(ZMQ.Socket socket, String what, Runnable onReadable) {
        handlers.add(new Handler(socket, what, onReadable));
        pollerDirty = true;
    }

    /** The I/O thread: a PAIR socket receiving {@code events} of {@code s} (polled by its owner). */
    ZMQ.Socket monitor(ZMQ.Socket s, String name, int events) {
        String endpoint = "inproc://overlay-monitor-" + name;
        s.monitor(endpoint, events);
        ZMQ.Socket pair = ctx.createSocket(SocketType.PAIR);
        pair.connect(endpoint);
        return pair;
    }

    /** Any thread: runs {@code r} on this thread, in order with other submitted work. */
    void submit(Runnable r) {
        commands.add(r);
        wake();
    }

    private void wake() {
        if (!wakePending.getAndSet(true)) {
            synchronized (wakeLock) {
                if (!contextClosed && wakeTx != null) {
                    wakeTx.send(new byte[0], ZMQ.DONTWAIT);
                }
            }
        }
    }

    /** Runs {@code fn} on this thread (directly if already on it). */
    <T> CompletableFuture<T> call(Supplier<T> fn) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                f.complete(fn.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        };
        if (Thread.currentThread() == thread) {
            r.run();
        } else if (closing || !thread.isAlive()) {
            f.completeExceptionally(new OverlayException(Errno.EHOSTUNREACH, "overlay is not running"));
        } else {
            submit(r);
        }
        return f;
    }

    /** {@link #call} and wait for the answer (set-up steps). */
    <T> T await(Supplier<T> fn) {
        try {
            return call(fn).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("overlay thread did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the thread, which closes the sockets and the context; waits for it (not from itself). */
    void close() {
        closing = true;
        wake();
        if (thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        ZMQ.Poller poller = null;
        int iWake = -1;
        try {
            wakeRx = ctx.createSocket(SocketType.PAIR);
            wakeRx.bind(wakeEndpoint);
            ready.countDown();
            while (!closing) {
                if (pollerDirty) {
                    if (poller != null) {
                        poller.close();
                    }
                    poller = ctx.createPoller(handlers.size() + 1);
                    iWake = poller.register(wakeRx, ZMQ.Poller.POLLIN);
                    for (Handler h : handlers) {
                        poller.register(h.socket(), ZMQ.Poller.POLLIN);
                    }
                    pollerDirty = false;
                }
                long now = System.nanoTime();
                long wakeAt = timers.beforePoll(now);
                poller.poll(Math.max(0, TimeUnit.NANOSECONDS.toMillis(wakeAt - now + 999_999)));
                if (closing) {
                    break;
                }
                if (poller.pollin(iWake)) {
                    while (wakeRx.recv(ZMQ.DONTWAIT) != null) {
                        // drain
                    }
                    wakePending.set(false);
                    for (Runnable r; (r = commands.poll()) != null; ) {
                        guard("command", r);
                    }
                    if (pollerDirty) {
                        continue;
                    }
                }
                for (int i = 0; i < handlers.size(); i++) {
                    Handler h = handlers.get(i);
                    if (poller.pollin(i + 1)) {
                        guard(h.what(), h.onReadable());
                    }
                }
                timers.afterPoll(System.nanoTime());
            }
        } catch (RuntimeException | Error e) {
            if (!closing) {
                log.log(Severity.CRIT, "overlay thread failed: " + e);
            }
        } finally {
            ready.countDown();
            if (poller != null) {
                poller.close();
            }
            synchronized (wakeLock) {
                contextClosed = true;
                ctx.close();
            }
            if (onExit != null) {
                onExit.run();
            }
        }
    }

    /** Runs one piece of work; whatever it throws is logged and the thread goes on. */
    void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (ZMQException e) {
            if (closing || e.getErrorCode() == zmq.ZError.ETERM) {
                throw e;
            }
            log.log(Severity.ERR, what + ": " + e);
        } catch (RuntimeException e) {
            log.log(Severity.ERR, what + ": " + e);
        }
    }

    /** One message's frames, or null if none is waiting. */
    static List<byte[]> recvFrames(ZMQ.Socket s) {
        byte[] first = s.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(6);
        frames.add(first);
        while (s.hasReceiveMore()) {
            frames.add(s.recv(0));
        }
        return frames;
    }

    /** A socket monitor event's name, for the log. */
    static String eventName(int e) {
        if (e == ZMQ.EVENT_CONNECTED) {
            return "CONNECTED";
        } else if (e == ZMQ.EVENT_DISCONNECTED) {
            return "DISCONNECTED";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED) {
            return "HANDSHAKE_SUCCEEDED";
        } else if (e == ZMQ.EVENT_ACCEPTED) {
            return "ACCEPTED";
        } else if (e == ZMQ.EVENT_ACCEPT_FAILED) {
            return "ACCEPT_FAILED";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
            return "HANDSHAKE_FAILED_AUTH";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
            return "HANDSHAKE_FAILED_PROTOCOL";
        } else if (e == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
            return "HANDSHAKE_FAILED_NO_DETAIL";
        }
        return "event " + e;
    }

    /** Whether a monitor event is a failed accept or handshake (logged as an error). */
    static boolean failed(int e) {
        return (e & (HANDSHAKE_FAILED | ZMQ.EVENT_ACCEPT_FAILED)) != 0;
    }
}
