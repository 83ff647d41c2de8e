package org.fluxj.rexec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Writes to a child's stdin without blocking the server: writes and the end-of-file are queued
 * and drained in order by a pooled I/O thread, held only while something is queued. Once the
 * child stops reading (EPIPE) the rest is dropped, as flux-core drops data for a gone process.
 */
final class StdinWriter {
    private static final byte[] EOF = new byte[0];

    private final OutputStream out;
    private final Executor io;
    private final IntConsumer written;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    /** {@code written} is told, on the I/O thread, how many bytes each write put in the pipe. */
    StdinWriter(OutputStream out, Executor io, IntConsumer written) {
        this.out = out;
        this.io = io;
        this.written = written;
    }

    void write(byte[] data) {
        if (data.length > 0) {
            offer(data);
        }
    }

    void close() {
        offer(EOF);
    }

    private void offer(byte[] item) {
        if (closed) {
            return;
        }
        queue.add(item);
        if (draining.compareAndSet(false, true)) {
            io.execute(this::drain);
        }
    }

    private void drain() {
        for (;;) {
            byte[] item;
            while ((item = queue.poll()) != null) {
                put(item);
            }
            draining.set(false);
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void put(byte[] item) {
        if (closed) {
            return;
        }
        try {
            if (item == EOF) {
                closed = true;
                out.close();
                return;
            }
            out.write(item);
            out.flush();
            written.accept(item.length);
        } catch (IOException e) {
            closed = true;
            queue.clear();
            try {
                out.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
