package org.fluxj.pmi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Carries a {@link PmiSimpleServer} over a listening AF_UNIX or TCP socket, one thread per
 * client. Each client first identifies itself with MPICH's port handshake ({@code
 * cmd=initack pmiid=RANK}); the server answers {@code cmd=initack} and {@code cmd=set
 * size=N}, {@code rank=R}, {@code debug=D} lines, then the RFC 13 conversation follows. A
 * client that breaks the protocol is disconnected and reported; the others go on.
 */
public final class PmiSocketServer implements Closeable {
    private final PmiSimpleServer engine;
    private final ServerSocketChannel listener;
    private final Path unixPath;
    private final BiConsumer<Integer, String> onError;
    private final BitSet connected = new BitSet();
    private final Set<LineChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private PmiSocketServer(PmiSimpleServer engine, ServerSocketChannel listener, Path unixPath,
            BiConsumer<Integer, String> onError) {
        this.engine = engine;
        this.listener = listener;
        this.unixPath = unixPath;
        this.onError = onError;
        this.acceptor = new Thread(this::acceptLoop, "pmi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Serves {@code engine} on a new AF_UNIX socket at {@code path}, which must not exist.
     *
     * @param onError told of each client that failed (rank, or -1 before the handshake; one-line reason)
     */
    public static PmiSocketServer unix(Path path, PmiSimpleServer engine, BiConsumer<Integer, String> onError)
            throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            ch.close();
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        return new PmiSocketServer(engine, ch, path, onError);
    }

    /** Serves {@code engine} on a TCP socket; port 0 picks a free port. */
    public static PmiSocketServer tcp(InetSocketAddress address, PmiSimpleServer engine,
            BiConsumer<Integer, String> onError) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.bind(address);
        return new PmiSocketServer(engine, ch, null, onError);
    }


    public PmiSimpleServer engine() {
        return engine;
    }

    /** The address clients connect to. */
    public SocketAddress address() throws IOException {
        return listener.getLocalAddress();
    }

    /**
     * The environment a client of rank {@code rank} needs: {@code FLUX_PMI_SOCKET} or
     * {@code PMI_PORT}, with {@code PMI_ID}, {@code PMI_RANK} and {@code PMI_SIZE}.
     */
    public Map<String, String> environment(int rank) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (unixPath != null) {
            env.put(Pmi.ENV_SOCKET, unixPath.toString());
        } else {
            InetSocketAddress a = (InetSocketAddress) listener.getLocalAddress();
            String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
            env.put(Pmi.ENV_PORT, host + ":" + a.getPort());
        }
        env.put(Pmi.ENV_ID, Integer.toString(rank));
        env.put(Pmi.ENV_RANK, Integer.toString(rank));
        env.put(Pmi.ENV_SIZE, Integer.toString(engine.universeSize()));
        return env;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    onError.accept(-1, "accept: " + e.getMessage());
                }
                return;
            }
            LineChannel lc = new LineChannel(ch);
            open.add(lc);
            Thread t = new Thread(() -> serve(lc), "pmi-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(LineChannel lc) {
        Client client = null;
        try {
            String first = lc.readLine();
            if (first == null) {
                return;
            }
            client = new Client(handshake(first), lc);
            lc.write("cmd=initack\ncmd=set size=" + engine.universeSize() + "\ncmd=set rank=" + client.rank
                    + "\ncmd=set debug=0\n");
            for (String line = lc.readLine(); line != null; line = lc.readLine()) {
                if (engine.request(client, line)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                onError.accept(client == null ? -1 : client.rank, e.getMessage());
            }
        } finally {
            if (client != null) {
                engine.disconnected(client);
            }
            open.remove(lc);
            try {
                lc.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }

    private int handshake(String line) throws PmiException {
        long id = KeyVal.is(line, "cmd", "initack") ? KeyVal.uint(line, "pmiid") : KeyVal.NOKEY;
        if (id < 0) {
            throw new PmiException(Pmi.FAIL, "protocol error: expected cmd=initack pmiid=N, got: " + line.strip());
        }
        if (id >= engine.universeSize()) {
            throw new PmiException(Pmi.FAIL, "protocol error: pmiid " + id + " is not below size " + engine.universeSize());
        }
        synchronized (connected) {
            if (connected.get((int) id)) {
                throw new PmiException(Pmi.FAIL, "protocol error: pmiid " + id + " is already connected");
            }
            connected.set((int) id);
        }
        return (int) id;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (LineChannel lc : open) {
            lc.close();
        }
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
        }
    }

    private record Client(int rank, LineChannel channel) implements PmiSimpleServer.Connection {
        @Override
        public void send(String line) throws IOException {
            channel.write(line);
        }
    }
}
