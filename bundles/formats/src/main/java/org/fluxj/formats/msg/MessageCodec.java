package org.fluxj.formats.msg;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fluxj.formats.FormatException;

/**
 * Encodes and decodes messages in flux-core's two layouts.
 *
 * <p><b>Frames</b> (the ZeroMQ multipart form, {@code message_iovec.c}): the routes from the most recent hop to the
 * first pushed, an empty delimiter frame if the message has a route stack (even an empty one), the topic, the
 * payload, and last the 20-byte PROTO frame. Route and topic frames carry the string's UTF-8 bytes without a NUL.
 *
 * <p><b>Single buffer</b> ({@code flux_msg_encode}): the same frames concatenated, each preceded by its size: one
 * byte if the size is below 255, else the byte 0xff followed by the size as 4 bytes big-endian.
 *
 * <p>The PROTO frame: magic 0x8e, version 1, type, flags, then userid, rolemask, aux1 and aux2 as 4 bytes
 * big-endian each (aux1/aux2: nodeid/matchtag for a request, errnum/matchtag for a response, sequence/unused for an
 * event, type/status for a control message).
 *
 * <p>Decoding accepts exactly what flux-core's decoder accepts, except that it refuses frames beyond those the
 * flags declare (flux-core ignores them), a route frame that is empty up to its first NUL, and route or topic text
 * that is not UTF-8. As in flux-core, a route or topic frame is read up to its first NUL, a size written in the
 * long form below 255 is accepted, and the flags are not otherwise checked (NORESPONSE with STREAMING passes).
 * Decoding never throws anything but {@link FormatException}, whatever the bytes.
 */
public final class MessageCodec {
    /** The PROTO frame's first byte. */
    public static final int PROTO_MAGIC = 0x8e;
    /** The PROTO frame's second byte. */
    public static final int PROTO_VERSION = 1;
    /** The PROTO frame's size. */
    public static final int PROTO_SIZE = 20;
    /** The largest message {@link #encode} makes: room remains for a stream prefix in a Java array. */
    public static final int MAX_ENCODED_SIZE = Integer.MAX_VALUE - 16;

    private static final byte[] EMPTY = new byte[0];

    private MessageCodec() {
    }

    // ---------------------------------------------------------------- encoding

    /**
     * {@code flux_msg_encode_size}: the length of {@link #encode}'s result.
     *
     * @throws IllegalArgumentException if it would exceed {@link #MAX_ENCODED_SIZE}
     */
    public static int encodedSize(Message m) {
        return (int) checkedSize(m, null, null);
    }

    /** flux-core's single-buffer encoding ({@code flux_msg_encode}). */
    public static byte[] encode(Message m) {
        byte[][] routes = routeBytes(m);
        byte[] topic = m.hasTopic() ? Strings.utf8(m.topic()) : null;
        int size = (int) checkedSize(m, routes, topic);
        ByteBuffer bb = ByteBuffer.allocate(size);
        put(bb, m, routes, topic);
        return bb.array();
    }

    /**
     * Writes {@link #encode}'s bytes at the buffer's position.
     *
     * @throws java.nio.BufferOverflowException if fewer than {@link #encodedSize} bytes remain
     */
    public static void encode(Message m, ByteBuffer dst) {
        byte[][] routes = routeBytes(m);
        byte[] topic = m.hasTopic() ? Strings.utf8(m.topic()) : null;
        int size = (int) checkedSize(m, routes, topic);
        if (dst.remaining() < size) {
            throw new BufferOverflowException();
        }
        put(dst, m, routes, topic);
    }

    /**
     * The ZeroMQ multipart form: routes (most recent first), delimiter, topic, payload, PROTO. Every array is
     * fresh.
     */
    public static List<byte[]> toFrames(Message m) {
        byte[][] routes = routeBytes(m);
        List<byte[]> frames = new ArrayList<>((routes == null ? 0 : routes.length + 1) + 3);
        if (routes != null) {
            frames.addAll(Arrays.asList(routes));
            frames.add(new byte[0]);
        }
        if (m.hasTopic()) {
            frames.add(Strings.utf8(m.topic()));
        }
        if (m.hasPayload()) {
            frames.add(m.payloadArray().clone());
        }
        frames.add(encodeProto(m));
        return frames;
    }

    /** The 20-byte PROTO frame. */
    static byte[] encodeProto(Message m) {
        ByteBuffer bb = ByteBuffer.allocate(PROTO_SIZE);
        putProto(bb, m);
        return bb.array();
    }

    private static void putProto(ByteBuffer bb, Message m) {
        bb.put((byte) PROTO_MAGIC)
                .put((byte) PROTO_VERSION)
                .put((byte) m.type().code())
                .put((byte) m.flags())
                .putInt(m.userid())
                .putInt(m.rolemask())
                .putInt(m.aux1())
                .putInt(m.aux2());
    }

    /** Route frames in wire order (most recent hop first), or null if routes are disabled. */
    private static byte[][] routeBytes(Message m) {
        if (!m.routesEnabled()) {
            return null;
        }
        List<String> r = m.routes();
        byte[][] out = new byte[r.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Strings.utf8(r.get(r.size() - 1 - i));
        }
        return out;
    }

    private static long frameCost(long len) {
        return (len < 0xff ? 1 : 5) + len;
    }

    private static long checkedSize(Message m, byte[][] routes, byte[] topic) {
        long size = frameCost(PROTO_SIZE);
        if (m.hasPayload()) {
            size += frameCost(m.payloadSize());
        }
        if (m.hasTopic()) {
            size += frameCost(topic != null ? topic.length : Strings.utf8(m.topic()).length);
        }
        if (m.routesEnabled()) {
            size += frameCost(0);
            List<String> r = m.routes();
            for (int i = 0; i < r.size(); i++) {
                size += frameCost(routes != null ? routes[i].length : Strings.utf8(r.get(i)).length);
            }
        }
        if (size > MAX_ENCODED_SIZE) {
            throw new IllegalArgumentException("message too large to encode (" + size + " bytes)");
        }
        return size;
    }

    private static void putFrame(ByteBuffer bb, byte[] frame) {
        if (frame.length < 0xff) {
            bb.put((byte) frame.length);
        } else {
            bb.put((byte) 0xff).putInt(frame.length);
        }
        bb.put(frame);
    }

    private static void put(ByteBuffer bb, Message m, byte[][] routes, byte[] topic) {
        if (routes != null) {
            for (byte[] r : routes) {
                putFrame(bb, r);
            }
            putFrame(bb, EMPTY);
        }
        if (topic != null) {
            putFrame(bb, topic);
        }
        if (m.hasPayload()) {
            putFrame(bb, m.payloadArray());
        }
        bb.put((byte) PROTO_SIZE);
        putProto(bb, m);
    }

    // ---------------------------------------------------------------- decoding

    /** One frame: a slice of some array. */
    private static final class Slice {
        final byte[] buf;
        final int off;
        final int len;

        Slice(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = len;
        }
    }

    /** Decodes flux-core's single-buffer encoding ({@code flux_msg_decode}); the whole array is one message. */
    public static Message decode(byte[] buf) throws FormatException {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes flux-core's single-buffer encoding from {@code buf[off, off+len)}.
     *
     * @throws IndexOutOfBoundsException only if the range lies outside the array (a caller's error, not the bytes')
     */
    public static Message decode(byte[] buf, int off, int len) throws FormatException {
        Objects.checkFromIndexSize(off, len, buf.length);
        List<Slice> frames = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            int at = p - off;
            long n = buf[p++] & 0xff;
            if (n == 0xff) {
                if (end - p < 4) {
                    throw new FormatException("message: truncated frame size at offset " + at);
                }
                n = ((buf[p] & 0xffL) << 24) | ((buf[p + 1] & 0xffL) << 16) | ((buf[p + 2] & 0xffL) << 8)
                        | (buf[p + 3] & 0xffL);
                p += 4;
            }
            if (end - p < n) {
                throw new FormatException("message: truncated frame at offset " + at + " (" + n
                        + " bytes declared, " + (end - p) + " remain)");
            }
            frames.add(new Slice(buf, p, (int) n));
            p += (int) n;
        }
        return assemble(frames);
    }

    /**
     * Decodes the ZeroMQ multipart form. The arrays are not kept: the message holds copies.
     *
     * @throws FormatException also if an element of the list is null
     */
    public static Message fromFrames(List<byte[]> frames) throws FormatException {
        List<Slice> slices = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            if (f == null) {
                throw new FormatException("message: frame " + i + " is null");
            }
            slices.add(new Slice(f, 0, f.length));
        }
        return assemble(slices);
    }

    private static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    /** {@code iovec_to_msg}, with the stricter checks the class comment lists. */
    private static Message assemble(List<Slice> frames) throws FormatException {
        int count = frames.size();
        if (count == 0) {
            throw new FormatException("message: no frames (a proto frame is required)");
        }
        Slice proto = frames.get(count - 1);
        if (proto.len < PROTO_SIZE) {
            throw new FormatException("message: truncated proto frame (" + proto.len + " bytes, expected "
                    + PROTO_SIZE + ")");
        }
        if (proto.len > PROTO_SIZE) {
            throw new FormatException("message: proto frame too long (" + proto.len + " bytes, expected "
                    + PROTO_SIZE + ")");
        }
        byte[] b = proto.buf;
        int o = proto.off;
        int magic = b[o] & 0xff;
        if (magic != PROTO_MAGIC) {
            throw new FormatException(String.format("message: bad magic 0x%02x", magic));
        }
        int version = b[o + 1] & 0xff;
        if (version != PROTO_VERSION) {
            throw new FormatException("message: bad version " + version);
        }
        int typeCode = b[o + 2] & 0xff;
        MessageType type = MessageType.ofCode(typeCode);
        if (type == null) {
            throw new FormatException(String.format("message: bad type 0x%02x", typeCode));
        }
        int flags = b[o + 3] & 0xff;
        int userid = u32(b, o + 4);
        int rolemask = u32(b, o + 8);
        int aux1 = u32(b, o + 12);
        int aux2 = u32(b, o + 16);

        int last = count - 1; // index of the proto frame
        int index = 0;
        List<String> routes = null;
        if ((flags & MessageFlags.ROUTE) != 0) {
            List<String> wire = new ArrayList<>();
            while (index < last && frames.get(index).len > 0) {
                Slice s = frames.get(index);
                String id = Strings.decodeCString(s.buf, s.off, s.len, "route frame");
                if (id.isEmpty()) {
                    throw new FormatException("message: route frame " + index + " begins with NUL");
                }
                wire.add(id);
                index++;
            }
            if (index == last) {
                throw new FormatException(String.format(
                        "message: route stack has no delimiter frame (flags 0x%02x)", flags));
            }
            index++; // delimiter
            String[] pushOrder = new String[wire.size()];
            for (int i = 0; i < pushOrder.length; i++) {
                pushOrder[i] = wire.get(wire.size() - 1 - i);
            }
            routes = List.of(pushOrder);
        }
        String topic = null;
        if ((flags & MessageFlags.TOPIC) != 0) {
            if (index == last) {
                throw new FormatException(String.format("message: missing topic frame (flags 0x%02x)", flags));
            }
            Slice s = frames.get(index++);
            topic = Strings.decodeCString(s.buf, s.off, s.len, "topic");
        }
        byte[] payload = null;
        if ((flags & MessageFlags.PAYLOAD) != 0) {
            if (index == last) {
                throw new FormatException(String.format("message: missing payload frame (flags 0x%02x)", flags));
            }
            Slice s = frames.get(index++);
            payload = Arrays.copyOfRange(s.buf, s.off, s.off + s.len);
        }
        if (index != last) {
            int extra = last - index;
            throw new FormatException(String.format("message: %d unexpected frame%s before the proto frame"
                    + " (flags 0x%02x)", extra, extra == 1 ? "" : "s", flags));
        }
        return new Message(type, flags, userid, rolemask, aux1, aux2, routes, topic, payload);
    }
}
