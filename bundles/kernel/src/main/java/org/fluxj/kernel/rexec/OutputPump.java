package org.fluxj.kernel.rexec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one output pipe of a child until end-of-file, handing on whole lines (or, with
 * {@code NAME_LINE_BUFFER=false}, whatever each read returned), then the end-of-file. A line
 * longer than the stream's buffer size goes in pieces of that size. Runs on a pooled I/O
 * thread, which it holds only while the pipe is open.
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
        if (pendingLength > 0) {
            sink.data(stream, Arrays.copyOf(pending, pendingLength));
        }
        sink.eof(stream);
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
