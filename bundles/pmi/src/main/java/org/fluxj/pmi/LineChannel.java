package org.fluxj.pmi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Newline-terminated lines over a blocking socket channel, each at most {@link Pmi#MAX_PROTO_LINE} bytes. */
final class LineChannel implements Closeable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(Pmi.MAX_PROTO_LINE * 2);
    private final Object writeLock = new Object();

    LineChannel(SocketChannel channel) {
        this.channel = channel;
        in.flip();
    }

    /**
     * The next line with its newline, or null at end of stream.
     *
     * @throws PmiException if a line is longer than the protocol allows or the stream ends mid-line
     */
    String readLine() throws IOException {
        while (true) {
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    byte[] line = new byte[i - in.position() + 1];
                    in.get(line);
                    return new String(line, StandardCharsets.UTF_8);
                }
            }
            if (in.remaining() >= Pmi.MAX_PROTO_LINE) {
                throw new PmiException(Pmi.FAIL, "protocol error: line longer than " + Pmi.MAX_PROTO_LINE + " bytes");
            }
            in.compact();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                if (in.hasRemaining()) {
                    throw new PmiException(Pmi.FAIL, "protocol error: connection closed mid-line");
                }
                return null;
            }
        }
    }

    void write(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
