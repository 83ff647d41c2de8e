package org.fluxj.connector.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.StreamFraming;

/**
 * One connected client: its socket, its credential (stamped on everything it sends), the
 * event topics it subscribed to, the services it used (told when it disconnects), and the
 * output the socket has not yet taken. Writes never block: what the socket does not take at
 * once waits here until the {@link SocketLoop} sees it writable.
 */
final class Client {
    final String uuid = UUID.randomUUID().toString();
    final int userid;
    final int rolemask;
    final List<String> subscriptions = new ArrayList<>(); // module thread only
    final Set<String> services = new LinkedHashSet<>(); // "service@nodeid"; module thread only
    final StreamFraming.Decoder decoder; // socket loop only
    private final SocketChannel channel;
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>(); // guarded by this
    private long queued; // bytes in output; guarded by this
    private SelectionKey key;
    private boolean closed;

    Client(SocketChannel channel, int userid, int rolemask, int maxMessageSize) {
        this.channel = channel;
        this.userid = userid;
        this.rolemask = rolemask;
        this.decoder = new StreamFraming.Decoder(maxMessageSize);
    }

    synchronized void registered(SelectionKey k) {
        key = k;
    }

    /**
     * Writes what the socket takes now and queues the rest.
     *
     * @return false if the queue now holds more than {@code maxQueued} bytes behind the frame
     *         being written (one message of any size may always wait)
     * @throws IOException if the socket failed
     */
    synchronized boolean send(Message m, long maxQueued) throws IOException {
        if (closed) {
            return true;
        }
        ByteBuffer frame = ByteBuffer.wrap(StreamFraming.frame(m));
        if (output.isEmpty()) {
            channel.write(frame);
            if (!frame.hasRemaining()) {
                return true;
            }
            interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            key.selector().wakeup(); // the loop may be in select with the old interest
        }
        output.add(frame);
        queued += frame.remaining();
        return queued - output.peek().remaining() <= maxQueued;
    }

    /** On the socket loop: reads what the socket holds (a channel reads and writes independently). */
    int channelRead(ByteBuffer b) throws IOException {
        return channel.read(b);
    }

    /** On the socket loop, when the socket is writable: writes until it would block. */
    synchronized void flush() throws IOException {
        while (!output.isEmpty()) {
            ByteBuffer head = output.peek();
            int n = channel.write(head);
            queued -= n;
            if (head.hasRemaining()) {
                return;
            }
            output.poll();
        }
        interest(SelectionKey.OP_READ);
    }

    synchronized long queued() {
        return queued;
    }

    private void interest(int ops) {
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException e) {
            // closing: nothing more will be written
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

    /** Closes the socket (its key goes with it); true the first time. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        output.clear();
        queued = 0;
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
        return true;
    }
}
