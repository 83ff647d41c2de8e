package org.fluxj.connector.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Message;

/**
 * The connector's one I/O thread, however many clients: a selector accepts connections, reads
 * and decodes what clients send, and drains the output the module thread could not write at
 * once. It never blocks on a client. When accept fails (the descriptor limit reached, or any
 * other error) it stops accepting for a moment and tries again, sooner if a client leaves.
 */
final class SocketLoop {
    /** What the connector does with the loop's events; called on the loop's thread. */
    interface Events {
        /** A new connection: the client to serve, or null if it was refused or failed (and is closed). */
        Client accepted(SocketChannel ch);

        void received(Client c, Message m);

        void malformed(Client c, String why);

        /** Accepting failed (reported once until it works again, then {@code why} is null). */
        void acceptFailed(String why);

        /** The client's socket ended or failed; it is closed already. */
        void gone(Client c);
    }

    static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerSocketChannel server;
    private final Events events;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile boolean stopping;
    private SelectionKey serverKey;
    private long acceptPausedAt; // System.nanoTime() of the failure; 0 while accepting
    private boolean acceptFailing;

    SocketLoop(ServerSocketChannel server, Events events) throws IOException {
        this.server = server;
        this.events = events;
        server.configureBlocking(false);
        selector = Selector.open();
        serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "connector-local");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    private void run() {
        try {
            while (!stopping) {
                selector.select(this::ready, acceptPausedAt == 0 ? 0 : 1 + ACCEPT_RETRY_NANOS / 1_000_000);
                if (acceptPausedAt != 0 && System.nanoTime() - acceptPausedAt >= ACCEPT_RETRY_NANOS) {
                    resumeAccepting();
                }
            }
        } catch (IOException e) {
            events.acceptFailed("select: " + e.getMessage());
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c) {
                    c.close();
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // going away anyway
            }
        }
    }

    private void ready(SelectionKey k) {
        if (k == serverKey) {
            acceptAll();
            return;
        }
        Client c = (Client) k.attachment();
        try {
            if (k.isValid() && k.isReadable()) {
                read(c);
            }
            if (k.isValid() && k.isWritable()) {
                c.flush();
            }
        } catch (FormatException e) {
            events.malformed(c, e.getMessage());
            lost(c);
        } catch (IOException e) {
            lost(c); // reset by peer: as an end of stream
        }
    }

    private void acceptAll() {
        while (!stopping) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!acceptFailing) {
                    acceptFailing = true;
                    events.acceptFailed("accept: " + e.getMessage());
                }
                serverKey.interestOps(0);
                acceptPausedAt = System.nanoTime() | 1; // never 0
                return;
            }
            if (ch == null) {
                return;
            }
            if (acceptFailing) {
                acceptFailing = false;
                events.acceptFailed(null);
            }
            Client c = events.accepted(ch);
            if (c != null) {
                try {
                    ch.configureBlocking(false);
                    c.registered(ch.register(selector, SelectionKey.OP_READ, c));
                } catch (IOException e) {
                    lost(c);
                }
            }
        }
    }

    private void read(Client c) throws IOException, FormatException {
        readBuffer.clear();
        if (c.channelRead(readBuffer) < 0) {
            lost(c);
            return;
        }
        readBuffer.flip();
        c.decoder.feed(readBuffer, m -> events.received(c, m));
    }

    private void lost(Client c) {
        if (c.close()) {
            events.gone(c);
        }
        resumeAccepting(); // a descriptor came free
    }

    private void resumeAccepting() {
        if (acceptPausedAt != 0 && serverKey.isValid()) {
            acceptPausedAt = 0;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }
}
