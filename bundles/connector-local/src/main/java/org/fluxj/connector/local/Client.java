package org.fluxj.connector.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.StreamFraming;

/**
 * One connected client: its socket, its credential (stamped on everything it sends), the
 * event topics it subscribed to and the services it used (told when it disconnects).
 * Its reader thread hands decoded messages to the connector; writes are serialized here.
 */
final class Client {
    final String uuid = UUID.randomUUID().toString();
    final int userid;
    final int rolemask;
    final List<String> subscriptions = new ArrayList<>(); // module thread only
    final Set<String> services = new LinkedHashSet<>(); // "service@nodeid"; module thread only
    private final SocketChannel channel;

    Client(SocketChannel channel, int userid, int rolemask) {
        this.channel = channel;
        this.userid = userid;
        this.rolemask = rolemask;
    }

    /** Reads until the peer goes away or sends a malformed frame, which ends the connection. */
    void read(Consumer<Message> received, Consumer<String> malformed, Runnable gone) {
        StreamFraming.Decoder decoder = new StreamFraming.Decoder();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (channel.read(buf) >= 0) {
                buf.flip();
                decoder.feed(buf, received);
                buf.clear();
            }
        } catch (FormatException e) {
            malformed.accept(e.getMessage());
        } catch (IOException e) {
            // reset by peer: as an end of stream
        } finally {
            close();
            gone.run();
        }
    }

    synchronized void write(Message m) {
        try {
            ByteBuffer b = ByteBuffer.wrap(StreamFraming.frame(m));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            close(); // the reader sees it and reports the disconnect
        }
    }

    boolean subscribedTo(String topic) {
        for (String s : subscriptions) {
            if (topic.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
