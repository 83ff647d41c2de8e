package org.fluxj.itest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of a broker's local socket that writes and reads the bytes flux-core's libflux puts
 * on that socket, built here by hand and not with fluxj's codec (a fault shared by fluxj's
 * encoder and decoder would otherwise go unseen): the handshake byte, then messages each
 * preceded by the magic {@code 0xffee0012} in host order ({@code 12 00 ee ff} on x86-64) and
 * the encoded length in big-endian, encoded as {@code flux_msg_encode} lays them out.
 */
final class RawLocalClient implements AutoCloseable {
    /** How long a test waits for an answer before it fails (a bound, not a delay). */
    static final long WAIT_SECONDS = 60;

    static final int REQUEST = 1;
    static final int RESPONSE = 2;
    static final int TOPIC = 0x01;
    static final int PAYLOAD = 0x02;
    static final int NORESPONSE = 0x04;
    static final int ROUTE = 0x08;
    static final int UPSTREAM = 0x10;
    static final int STREAMING = 0x40;
    static final int USERID_UNKNOWN = 0xffffffff;
    static final int NODEID_ANY = 0xffffffff;
    static final int ROLE_OWNER = 0x1;
    static final int ROLE_USER = 0x2;
    static final int ROLE_LOCAL = 0x4;

    private static final byte[] MAGIC = {0x12, 0x00, (byte) 0xee, (byte) 0xff};

    private final AutoCloseable connection;
    private final OutputStream out;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final int handshake;

    private RawLocalClient(AutoCloseable connection, InputStream in, OutputStream out) throws IOException {
        this.connection = connection;
        this.out = out;
        DataInputStream din = new DataInputStream(in);
        handshake = din.read();
        Thread reader = new Thread(() -> readLoop(din), "raw-local-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects as the test's own uid. */
    static RawLocalClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        // not Channels.newInputStream/newOutputStream: both lock the channel's blockingLock, so a
        // write would wait for the reader thread's blocked read
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
        };
        return new RawLocalClient(ch, in, out);
    }

    /** Connects as another user, through {@link SocketRelay} run with runuser (the test runs as root). */
    static RawLocalClient connectAs(String user, Path socket) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = FluxCli.root().resolve("itest/target/test-classes").toString();
        Process p = new ProcessBuilder("runuser", "-u", user, "--", java, "-cp", classes,
                SocketRelay.class.getName(), socket.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new RawLocalClient(p::destroyForcibly, p.getInputStream(), p.getOutputStream());
    }

    /** The byte the broker answered the connection with: 0, or the errno that refused it. */
    int handshake() {
        return handshake;
    }

    private void readLoop(DataInputStream in) {
        try {
            while (true) {
                byte[] prefix = new byte[8];
                in.readFully(prefix);
                int len = ByteBuffer.wrap(prefix, 4, 4).getInt();
                byte[] body = new byte[len];
                in.readFully(body);
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                whole.write(prefix);
                whole.write(body);
                received.add(whole.toByteArray());
            }
        } catch (EOFException e) {
            received.add("connection closed");
        } catch (IOException e) {
            received.add("connection failed: " + e);
        }
    }

    /** Sends one encoded message with its stream prefix. */
    void send(byte[] message) throws IOException {
        out.write(framed(message));
        out.flush();
    }

    /** The next message as it came, prefix included; fails the test if none comes in time. */
    byte[] receive() throws InterruptedException {
        Object o = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no answer within " + WAIT_SECONDS + " s (a flux-core client waits forever)");
        }
        if (o instanceof String why) {
            throw new AssertionError(why);
        }
        return (byte[]) o;
    }

    @Override
    public void close() throws Exception {
        out.close();
        connection.close();
    }

    // ---------------------------------------------------------------- flux_msg_encode, by hand

    static byte[] framed(byte[] message) {
        return ByteBuffer.allocate(8 + message.length).put(MAGIC).putInt(message.length).put(message).array();
    }

    /** A request as flux_request_encode makes it (an empty route stack), or a response as broker code makes it. */
    static byte[] message(int type, int flags, int userid, int rolemask, int aux1, int aux2, String topic,
            byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        flags |= ROUTE;
        frame(b, new byte[0]); // the route stack's delimiter: no routes
        if (topic != null) {
            flags |= TOPIC;
            frame(b, topic.getBytes(StandardCharsets.UTF_8)); // no NUL: flux-core sends none
        }
        if (payload != null) {
            flags |= PAYLOAD;
            frame(b, payload);
        }
        frame(b, ByteBuffer.allocate(20).put((byte) 0x8e).put((byte) 1).put((byte) type).put((byte) flags)
                .putInt(userid).putInt(rolemask).putInt(aux1).putInt(aux2).array());
        return b.toByteArray();
    }

    static byte[] request(int flags, int nodeid, int matchtag, String topic, String json) {
        return message(REQUEST, flags, USERID_UNKNOWN, 0, nodeid, matchtag, topic, json == null ? null : cstring(json));
    }

    /** A string payload as flux_msg_set_string sets it: with its NUL. */
    static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(b.length + 1).put(b).put((byte) 0).array();
    }

    private static void frame(ByteArrayOutputStream b, byte[] f) {
        if (f.length < 0xff) {
            b.write(f.length);
        } else {
            b.write(0xff);
            b.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
        }
        b.writeBytes(f);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Splits a received message (prefix included) into its frames, for failure messages and payload checks. */
    static List<byte[]> frames(byte[] framedMessage) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(framedMessage, 8, framedMessage.length - 8);
        while (bb.hasRemaining()) {
            int n = bb.get() & 0xff;
            if (n == 0xff) {
                n = bb.getInt();
            }
            byte[] f = new byte[n];
            bb.get(f);
            out.add(f);
        }
        return out;
    }
}
