package org.fluxj.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.StreamFraming;

/**
 * {@code local://PATH}: the broker's AF_UNIX socket, speaking flux-core's stream framing.
 * The broker answers the connect with one byte, 0 if accepted or an errno (flux-core usock).
 */
public final class LocalConnector implements Connector {

    @Override
    public String scheme() {
        return "local";
    }

    @Override
    public Connection connect(URI uri) throws IOException {
        String path = uri.getPath() != null && !uri.getPath().isEmpty() ? uri.getPath()
                : uri.getSchemeSpecificPart().replaceFirst("^//", "");
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            InputStream in = new ChannelInput(ch);
            int status = in.read();
            if (status < 0) {
                throw new EOFException("connection closed by broker");
            }
            if (status != 0) {
                throw new FluxException(status, Errno.strerror(status));
            }
            return new Local(ch, in);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static final class Local implements Connection {
        private final SocketChannel ch;
        private final InputStream in;

        Local(SocketChannel ch, InputStream in) {
            this.ch = ch;
            this.in = new BufferedInputStream(in, 65536);
        }

        @Override
        public synchronized void send(Message message) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(StreamFraming.frame(message));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        @Override
        public Message receive() throws IOException {
            try {
                return StreamFraming.read(in, StreamFraming.DEFAULT_MAX_MESSAGE_SIZE);
            } catch (FormatException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    /**
     * Reads the channel directly: the streams of {@code Channels} lock the channel for reads
     * and writes alike, and a reader blocked in read would stop every send.
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
