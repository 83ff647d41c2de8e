package org.fluxj.formats.msg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.fluxj.formats.FormatException;

/**
 * The byte-stream framing of flux-core's local connector ({@code librouter/sendfd.c}), used over AF_UNIX stream
 * sockets: each message is preceded by 8 bytes, the magic {@code 0xffee0012} in the host's byte order (on x86-64
 * and aarch64 the bytes {@code 12 00 ee ff}) and the length of the encoded message in big-endian order. The length
 * counts the encoded message only, not the 8 prefix bytes (RFC 3 says otherwise; flux-core's code is what peers
 * do). The message follows as {@link MessageCodec#encode} lays it out.
 */
public final class StreamFraming {
    /** The magic, as a host-order 32-bit value. */
    public static final int MAGIC = 0xffee0012;
    /** The prefix size. */
    public static final int PREFIX_SIZE = 8;
    /** The default largest declared message length a reader accepts: 256 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 << 20;

    private static final ByteOrder MAGIC_ORDER = ByteOrder.nativeOrder();

    private StreamFraming() {
    }

    /** The number of bytes {@link #frame} makes. */
    public static int framedSize(Message m) {
        return PREFIX_SIZE + MessageCodec.encodedSize(m);
    }

    /** The message with its 8-byte prefix. */
    public static byte[] frame(Message m) {
        byte[] body = MessageCodec.encode(m);
        ByteBuffer bb = ByteBuffer.allocate(PREFIX_SIZE + body.length);
        putPrefix(bb, body.length);
        bb.put(body);
        return bb.array();
    }

    /**
     * Writes the framed message at the buffer's position.
     *
     * @throws BufferOverflowException if fewer than {@link #framedSize} bytes remain (nothing is written)
     */
    public static void put(ByteBuffer dst, Message m) {
        int size = MessageCodec.encodedSize(m);
        if (dst.remaining() < PREFIX_SIZE + size) {
            throw new BufferOverflowException();
        }
        putPrefix(dst, size);
        MessageCodec.encode(m, dst);
    }

    /** Writes the framed message in one write call (the stream is not flushed). */
    public static void write(OutputStream out, Message m) throws IOException {
        out.write(frame(m));
    }

    private static void putPrefix(ByteBuffer bb, int length) {
        ByteOrder saved = bb.order();
        bb.order(MAGIC_ORDER).putInt(MAGIC).order(ByteOrder.BIG_ENDIAN).putInt(length).order(saved);
    }

    /** The magic read from 4 bytes in host order. */
    static int readMagic(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).order(MAGIC_ORDER).getInt();
    }

    static long readLength(byte[] b, int off) {
        return ByteBuffer.wrap(b, off, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xffffffffL;
    }

    static int checkPrefix(byte[] prefix, int maxMessageSize) throws FormatException {
        int magic = readMagic(prefix, 0);
        if (magic != MAGIC) {
            throw new FormatException(String.format("message: stream frame: bad magic 0x%08x", magic));
        }
        long length = readLength(prefix, 4);
        if (length > maxMessageSize) {
            throw new FormatException("message: stream frame: length " + length + " exceeds the maximum "
                    + maxMessageSize);
        }
        return (int) length;
    }

    /**
     * Reads one framed message from a blocking stream.
     *
     * @return the message, or null at end of stream before its first byte
     * @throws EOFException if the stream ends inside a message
     * @throws FormatException if the prefix or the message is malformed, or the length exceeds the maximum
     */
    public static Message read(InputStream in, int maxMessageSize) throws IOException, FormatException {
        byte[] prefix = new byte[PREFIX_SIZE];
        int got = in.readNBytes(prefix, 0, PREFIX_SIZE);
        if (got == 0) {
            return null;
        }
        if (got < PREFIX_SIZE) {
            throw new EOFException("stream ended inside a message prefix");
        }
        int length = checkPrefix(prefix, maxMessageSize);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended inside a message (" + body.length + " of " + length + " bytes)");
        }
        return MessageCodec.decode(body);
    }

    /**
     * Reassembles messages from arbitrary chunks of a stream, as a non-blocking reader receives them. Memory grows
     * with the bytes that actually arrive, never beyond the declared length, which is refused above the maximum.
     * After a {@link FormatException} the stream cannot be resynchronised: every later {@code feed} fails too.
     * Not thread-safe.
     */
    public static final class Decoder {
        private final int maxMessageSize;
        private final byte[] prefix = new byte[PREFIX_SIZE];
        private int prefixFill;
        private byte[] body; // null while reading a prefix
        private int bodyFill;
        private int bodyLength;
        private String failure;

        /** A decoder refusing declared lengths above {@link #DEFAULT_MAX_MESSAGE_SIZE}. */
        public Decoder() {
            this(DEFAULT_MAX_MESSAGE_SIZE);
        }

        public Decoder(int maxMessageSize) {
            if (maxMessageSize < 0) {
                throw new IllegalArgumentException("negative maximum message size");
            }
            this.maxMessageSize = maxMessageSize;
        }

        public int maxMessageSize() {
            return maxMessageSize;
        }

        /** Whether no partial message is buffered (the stream may end here cleanly). */
        public boolean isIdle() {
            return prefixFill == 0 && body == null;
        }

        /** The bytes of the current partial message held so far, prefix included. */
        public int buffered() {
            return prefixFill + bodyFill;
        }

        /** Feeds a whole array; returns the messages it completed. */
        public List<Message> feed(byte[] chunk) throws FormatException {
            return feed(chunk, 0, chunk.length);
        }

        /** Feeds {@code chunk[off, off+len)}; returns the messages it completed. */
        public List<Message> feed(byte[] chunk, int off, int len) throws FormatException {
            List<Message> out = new ArrayList<>(1);
            feed(ByteBuffer.wrap(chunk, off, len), out::add);
            return out;
        }

        /**
         * Consumes every remaining byte of {@code src}, handing each completed message to {@code sink} as soon as
         * it is complete, so messages before a malformed one are delivered before the exception.
         */
        public void feed(ByteBuffer src, Consumer<? super Message> sink) throws FormatException {
            if (failure != null) {
                throw new FormatException("message: stream frame: stream already failed: " + failure);
            }
            try {
                while (src.hasRemaining()) {
                    if (body == null) {
                        int n = Math.min(PREFIX_SIZE - prefixFill, src.remaining());
                        src.get(prefix, prefixFill, n);
                        prefixFill += n;
                        if (prefixFill < PREFIX_SIZE) {
                            return;
                        }
                        int length = checkPrefix(prefix, maxMessageSize);
                        // grow with what arrives rather than trusting the declared length
                        body = new byte[Math.min(length, Math.max(src.remaining(), 4096))];
                        bodyLength = length;
                        bodyFill = 0;
                    }
                    int n = Math.min(bodyLength - bodyFill, src.remaining());
                    if (bodyFill + n > body.length) {
                        long grown = Math.max((long) body.length * 2, (long) bodyFill + n);
                        body = Arrays.copyOf(body, (int) Math.min(grown, bodyLength));
                    }
                    src.get(body, bodyFill, n);
                    bodyFill += n;
                    if (bodyFill == bodyLength) {
                        byte[] done = body;
                        int doneLength = bodyLength;
                        body = null;
                        bodyFill = 0;
                        prefixFill = 0;
                        sink.accept(MessageCodec.decode(done, 0, doneLength));
                    }
                }
            } catch (FormatException e) {
                failure = e.getMessage();
                body = null;
                bodyFill = 0;
                prefixFill = 0;
                throw e;
            }
        }
    }
}
