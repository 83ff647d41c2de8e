package org.fluxj.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
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
            InputStream in = Channels.newInputStream(ch);
            int status = in.read();
            if (status < 0) {
                throw new EOFException("connection closed by broker");
            }
            if (status != 0) {
                throw new FluxException(status, Errno.strerror(status));
            }
            return new Local(ch, in, Channels.newOutputStream(ch));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static final class Local implements Connection {
        private final SocketChannel ch;
        private final InputStream in;
        private final OutputStream out;

        Local(SocketChannel ch, InputStream in, OutputStream out) {
            this.ch = ch;
            this.in = new java.io.BufferedInputStream(in, 65536);
            this.out = out;
        }

        @Override
        public synchronized void send(Message message) throws IOException {
            out.write(StreamFraming.frame(message));
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
}
