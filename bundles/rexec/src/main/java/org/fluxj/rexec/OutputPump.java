package org.fluxj.rexec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Reads one output pipe of a child until end-of-file, handing on whole lines (or, with
 * {@code NAME_LINE_BUFFER=false}, whatever each read returned), then the end-of-file. A line
 * longer than the stream's buffer size goes in pieces of that size. Runs on a pooled I/O
 * thread, which it holds only while the pipe is open.
 *
 * <p>The pump holds the stream's monitor from its first read to end-of-file. The JDK's process
 * reaper, when the child exits, drains and closes a child's pipes in a method synchronized on
 * that same monitor; holding it keeps the pipe open until every writer has closed it, so output
 * of the child's descendants after the child's exit is delivered, as flux-core delivers it.
 * Whoever starts a pump waits ({@link #awaitReading}) until it holds the monitor, which is
 * before the child (still being exec'd through setsid) can have exited.
 */
final class OutputPump implements Runnable {

    /** Receives a stream's data in order, then its end-of-file; called on the pump's thread. */
    interface Sink {
        void data(String stream, byte[] data);

        void eof(String stream);
    }

    private static final int READ_SIZE = 8192;

    private final InputStream in;
    private final String stream;
    private final StreamOptions options;
    private final Sink sink;
    private final CountDownLatch reading = new CountDownLatch(1);
    private byte[] pending = new byte[256];
    private int pendingLength;

    OutputPump(InputStream in, String stream, StreamOptions options, Sink sink) {
        this.in = in;
        this.stream = stream;
        this.options = options;
        this.sink = sink;
    }

    @Override
    public void run() {
        byte[] buf = new byte[READ_SIZE];
        synchronized (in) {
            reading.countDown();
            try (InputStream input = in) {
                int n;
                while ((n = input.read(buf)) >= 0) {
                    if (options.lineBuffered) {
                        lines(buf, n);
                    } else if (n > 0) {
                        sink.data(stream, Arrays.copyOf(buf, n));
                    }
                }
            } catch (IOException e) {
                // the pipe was closed under us: what was read is passed on, then end-of-file
            }
        }
        if (pendingLength > 0) {
            sink.data(stream, Arrays.copyOf(pending, pendingLength));
        }
        sink.eof(stream);
    }

    /** Waits until the pump holds the stream (it has been handed to a thread that runs it). */
    void awaitReading() {
        boolean interrupted = false;
        for (;;) {
            try {
                reading.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void lines(byte[] buf, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                append(buf, start, i + 1 - start);
                flush();
                start = i + 1;
            } else if (pendingLength + (i + 1 - start) >= options.bufsize) {
                append(buf, start, i + 1 - start);
                flush();
                start = i + 1;
            }
        }
        append(buf, start, n - start);
    }

    private void append(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (pendingLength + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + len));
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength += len;
    }

    private void flush() {
        sink.data(stream, Arrays.copyOf(pending, pendingLength));
        pendingLength = 0;
    }
}
