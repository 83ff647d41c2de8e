package org.fluxj.itest;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Joins stdin and stdout to an AF_UNIX socket, so that a test can reach a broker's local socket
 * as another uid ({@code runuser -u USER -- java ... SocketRelay PATH}): the broker then sees that
 * uid through SO_PEERCRED. Exits when either side closes. The channel is read and written
 * directly: the Channels stream adapters share one lock, so a write would wait for a blocked read.
 */
public final class SocketRelay {
    private SocketRelay() {
    }

    public static void main(String[] args) throws Exception {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(args[0]));
        Thread up = new Thread(() -> {
            byte[] buf = new byte[65536];
            try {
                for (int n = System.in.read(buf); n >= 0; n = System.in.read(buf)) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                }
            } catch (Exception e) {
                // the socket went away
            }
            System.exit(0);
        });
        up.setDaemon(true);
        up.start();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (ch.read(buf) >= 0) {
            System.out.write(buf.array(), 0, buf.position());
            System.out.flush();
            buf.clear();
        }
        System.exit(0);
    }
}
