package org.fluxj.formats.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Exact encodings, derived from flux-core's {@code message.c} / {@code message_proto.c} layout rules and checked
 * against the expectations of flux-core's {@code libflux/test/message.c}.
 */
class MessageCodecTest {

    static byte[] hex(String s) {
        String h = s.replaceAll("\\s+", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static FormatException refused(byte[] buf) {
        return assertThrows(FormatException.class, () -> MessageCodec.decode(buf));
    }

    // ------------------------------------------------------------- flux-core test/message.c proto vectors

    @Test
    void protoVectorOverlayControlDisconnect() throws FormatException {
        Message m = Message.builder(MessageType.CONTROL).cred(100, Roles.OWNER).control(2, 0).build();
        byte[] proto = hex("8e 01 08 00  00 00 00 64  00 00 00 01  00 00 00 02  00 00 00 00");
        assertArrayEquals(proto, MessageCodec.encodeProto(m));
        assertArrayEquals(cat(hex("14"), proto), MessageCodec.encode(m));
        List<byte[]> frames = MessageCodec.toFrames(m);
        assertEquals(1, frames.size());
        assertArrayEquals(proto, frames.get(0));
        Message d = MessageCodec.decode(cat(hex("14"), proto));
        assertEquals(m, d);
        assertEquals(2, d.controlType());
        assertEquals(0, d.controlStatus());
        assertEquals(100, d.userid());
        assertEquals(Roles.OWNER, d.rolemask());
    }

    @Test
    void protoVectorHelloRequest() throws FormatException {
        // flags TOPIC|PAYLOAD|ROUTE = 0x0b, nodeid ANY, matchtag 0
        byte[] proto = hex("8e 01 01 0b  00 00 00 64  00 00 00 01  ff ff ff ff  00 00 00 00");
        Message m = Message.request("hello").cred(100, Roles.OWNER).payload(new byte[] {1}).build();
        assertArrayEquals(proto, MessageCodec.encodeProto(m));
        Message d = MessageCodec.fromFrames(List.of(new byte[0], ascii("hello"), new byte[] {1}, proto));
        assertEquals(m, d);
        assertEquals(Message.NODEID_ANY, d.nodeid());
        assertEquals(Message.MATCHTAG_NONE, d.matchtag());
    }

    @Test
    void protoVectorHelloResponse() throws FormatException {
        // the vector sets .nodeid = ANY on a response: through the union that is errnum 0xffffffff
        byte[] proto = hex("8e 01 02 0b  00 00 00 64  00 00 00 01  ff ff ff ff  00 00 00 00");
        Message d = MessageCodec.fromFrames(List.of(new byte[0], ascii("hello"), new byte[] {1}, proto));
        assertEquals(MessageType.RESPONSE, d.type());
        assertEquals(0xffffffff, d.errnum());
        assertEquals(0, d.matchtag());
        assertArrayEquals(proto, MessageCodec.encodeProto(d));
    }

    @Test
    void protoVectorFakeMessageHasUnknownTypeAndIsRefusedAsAMessage() {
        // proto_decode accepts it, iovec_to_msg refuses type 0xab
        byte[] proto = hex("8e 01 ab cd 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");
        FormatException e = assertThrows(FormatException.class, () -> MessageCodec.fromFrames(List.of(proto)));
        assertEquals("message: bad type 0xab", e.getMessage());
    }

    @Test
    void checkEncodeRequestFooBar() throws FormatException {
        // test/message.c check_encode: request with topic "foo.bar" (flux_msg_create, set_topic: no routes)
        Message m = Message.builder(MessageType.REQUEST).topic("foo.bar").build();
        byte[] expect = cat(hex("07"), ascii("foo.bar"),
                hex("14 8e 01 01 01 ff ff ff ff 00 00 00 00 ff ff ff ff 00 00 00 00"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        assertEquals(expect.length, MessageCodec.encodedSize(m));
        Message d = MessageCodec.decode(expect);
        assertEquals(MessageType.REQUEST, d.type());
        assertEquals("foo.bar", d.topic());
        assertFalse(d.hasPayload());
        assertFalse(d.routesEnabled());
    }

    // ------------------------------------------------------------- each type, with and without parts

    @Test
    void requestAsFluxRequestEncodeMakesIt() throws FormatException {
        Message m = Message.request("foo.bar").build();
        byte[] expect = cat(hex("00 07"), ascii("foo.bar"),
                hex("14 8e 01 01 09 ff ff ff ff 00 00 00 00 ff ff ff ff 00 00 00 00"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        assertEquals(30, MessageCodec.encodedSize(m));
        assertEquals(m, MessageCodec.decode(expect));
    }

    @Test
    void requestWithRoutesAndStringPayload() throws FormatException {
        Message m = Message.request("kvs.get").nodeid(3).matchtag(0x01020304).cred(1000, Roles.USER | Roles.LOCAL)
                .payloadString("hi").pushRoute("a").pushRoute("bc").streaming().build();
        // routes on the wire most recent first; string payload carries its NUL; flags 0x4b
        byte[] expect = cat(hex("02"), ascii("bc"), hex("01"), ascii("a"), hex("00"),
                hex("07"), ascii("kvs.get"), hex("03 68 69 00"),
                hex("14 8e 01 01 4b 00 00 03 e8 00 00 00 06 00 00 00 03 01 02 03 04"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        Message d = MessageCodec.decode(expect);
        assertEquals(m, d);
        assertEquals(List.of("a", "bc"), d.routes());
        assertEquals("a", d.routeFirst());
        assertEquals("bc", d.routeLast());
        assertEquals("hi", d.payloadString());
        assertTrue(d.isStreaming());
    }

    @Test
    void responseWithoutPayload() throws FormatException {
        Message req = Message.request("a.b").matchtag(9).pushRoute("x").build();
        Message m = Message.responseTo(req).build();
        byte[] expect = cat(hex("01 78 00 03"), ascii("a.b"),
                hex("14 8e 01 02 09 ff ff ff ff 00 00 00 00 00 00 00 00 00 00 00 09"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        assertEquals(m, MessageCodec.decode(expect));
    }

    @Test
    void errorResponseCarriesErrstrWithNul() throws FormatException {
        Message req = Message.request("a.b").matchtag(42).cred(5, Roles.USER).payloadString("{}").build();
        Message m = Message.errorResponse(req, Errno.ENOENT.number(), "nope");
        byte[] expect = cat(hex("00 03"), ascii("a.b"), hex("05"), ascii("nope"), hex("00"),
                hex("14 8e 01 02 0b ff ff ff ff 00 00 00 00 00 00 00 02 00 00 00 2a"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        Message d = MessageCodec.decode(expect);
        assertEquals("nope", d.errorString());
        assertEquals(2, d.errnum());
    }

    @Test
    void eventWithJsonPayload() throws FormatException {
        Message m = Message.event("heartbeat.pulse").sequence(7)
                .payloadJson(Json.object().put("a", 1)).build();
        byte[] expect = cat(hex("00 0f"), ascii("heartbeat.pulse"), hex("08"), ascii("{\"a\":1}"), hex("00"),
                hex("14 8e 01 04 0b ff ff ff ff 00 00 00 00 00 00 00 07 00 00 00 00"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        Message d = MessageCodec.decode(expect);
        assertEquals(1, d.payloadObject().get("a").intValue());
        assertEquals(7, d.sequence());
    }

    @Test
    void eventWithoutRoutesOrPayload() throws FormatException {
        Message m = Message.event("x").disableRoutes().sequence(0x10000).build();
        byte[] expect = cat(hex("01 78"), hex("14 8e 01 04 01 ff ff ff ff 00 00 00 00 00 01 00 00 00 00 00 00"));
        assertArrayEquals(expect, MessageCodec.encode(m));
        assertEquals(m, MessageCodec.decode(expect));
    }

    @Test
    void controlWithEmptyRouteStack() throws FormatException {
        Message m = Message.builder(MessageType.CONTROL).enableRoutes().control(1, 5).build();
        byte[] expect = hex("00 14 8e 01 08 08 ff ff ff ff 00 00 00 00 00 00 00 01 00 00 00 05");
        assertArrayEquals(expect, MessageCodec.encode(m));
        assertEquals(m, MessageCodec.decode(expect));
    }

    @Test
    void frameSizesSwitchToLongFormAt255() throws FormatException {
        byte[] p254 = new byte[254];
        byte[] p255 = new byte[255];
        Arrays.fill(p254, (byte) 'x');
        Arrays.fill(p255, (byte) 'y');
        byte[] proto = hex("14 8e 01 04 02 ff ff ff ff 00 00 00 00 00 00 00 00 00 00 00 00");
        Message m254 = Message.builder(MessageType.EVENT).payload(p254).build();
        Message m255 = Message.builder(MessageType.EVENT).payload(p255).build();
        assertArrayEquals(cat(hex("fe"), p254, proto), MessageCodec.encode(m254));
        assertArrayEquals(cat(hex("ff 00 00 00 ff"), p255, proto), MessageCodec.encode(m255));
        assertEquals(255 + 5 + 21, MessageCodec.encodedSize(m255));
        assertEquals(m255, MessageCodec.decode(MessageCodec.encode(m255)));
        // flux-core also reads the long form for a short frame
        assertEquals(m254, MessageCodec.decode(cat(hex("ff 00 00 00 fe"), p254, proto)));
    }

    @Test
    void emptyPayloadFrameIsAPayload() throws FormatException {
        // flux-core can decode PAYLOAD with a 0-byte frame; it re-encodes the same way
        byte[] buf = hex("00 14 8e 01 04 02 ff ff ff ff 00 00 00 00 00 00 00 00 00 00 00 00");
        Message d = MessageCodec.decode(buf);
        assertTrue(d.hasPayload());
        assertEquals(0, d.payloadSize());
        assertArrayEquals(buf, MessageCodec.encode(d));
    }

    // ------------------------------------------------------------- multipart

    @Test
    void framesAreRoutesDelimiterTopicPayloadProto() throws FormatException {
        Message m = Message.request("svc.method").pushRoute("first").pushRoute("second")
                .payloadString("p").build();
        List<byte[]> frames = MessageCodec.toFrames(m);
        assertEquals(6, frames.size());
        assertArrayEquals(ascii("second"), frames.get(0));
        assertArrayEquals(ascii("first"), frames.get(1));
        assertArrayEquals(new byte[0], frames.get(2));
        assertArrayEquals(ascii("svc.method"), frames.get(3));
        assertArrayEquals(hex("70 00"), frames.get(4));
        assertArrayEquals(MessageCodec.encodeProto(m), frames.get(5));
        assertEquals(m, MessageCodec.fromFrames(frames));
    }

    @Test
    void framesWithoutRoutesHaveNoDelimiter() throws FormatException {
        Message m = Message.builder(MessageType.EVENT).topic("t").build();
        List<byte[]> frames = MessageCodec.toFrames(m);
        assertEquals(2, frames.size());
        assertArrayEquals(ascii("t"), frames.get(0));
        assertEquals(m, MessageCodec.fromFrames(frames));
        Message c = Message.control(0, 0);
        assertEquals(1, MessageCodec.toFrames(c).size());
    }

    @Test
    void encodeIntoByteBuffer() {
        Message m = Message.request("x").build();
        ByteBuffer bb = ByteBuffer.allocate(100);
        bb.put((byte) 7);
        MessageCodec.encode(m, bb);
        assertEquals(1 + MessageCodec.encodedSize(m), bb.position());
        assertArrayEquals(MessageCodec.encode(m), Arrays.copyOfRange(bb.array(), 1, bb.position()));
        assertThrows(java.nio.BufferOverflowException.class, () -> MessageCodec.encode(m, ByteBuffer.allocate(5)));
    }

    @Test
    void topicAndRouteFramesAreReadUpToTheirFirstNul() throws FormatException {
        // flux-core strndup()s the topic and strlen()s route ids
        Message d = MessageCodec.fromFrames(List.of(hex("61 62 00 63"), new byte[0], hex("74 00 7a"),
                hex("8e 01 01 09 ff ff ff ff 00 00 00 00 ff ff ff ff 00 00 00 00")));
        assertEquals(List.of("ab"), d.routes());
        assertEquals("t", d.topic());
    }

    @Test
    void utf8Topic() throws FormatException {
        Message m = Message.request("ƒ.\uD83D\uDE00").build();
        Message d = MessageCodec.decode(MessageCodec.encode(m));
        assertEquals("ƒ.\uD83D\uDE00", d.topic());
    }

    // ------------------------------------------------------------- malformed

    static final String PROTO_TAIL = "ff ff ff ff 00 00 00 00 ff ff ff ff 00 00 00 00";

    @Test
    void refusesTruncatedProto() {
        assertEquals("message: truncated proto frame (4 bytes, expected 20)",
                refused(hex("04 8e 01 01 00")).getMessage());
        assertEquals("message: proto frame too long (21 bytes, expected 20)",
                refused(cat(hex("15 8e 01 01 00"), hex(PROTO_TAIL), hex("00"))).getMessage());
    }

    @Test
    void refusesBadMagicVersionType() {
        assertEquals("message: bad magic 0x8f", refused(hex("14 8f 01 01 00 " + PROTO_TAIL)).getMessage());
        assertEquals("message: bad version 2", refused(hex("14 8e 02 01 00 " + PROTO_TAIL)).getMessage());
        assertEquals("message: bad type 0x03", refused(hex("14 8e 01 03 00 " + PROTO_TAIL)).getMessage());
        assertEquals("message: bad type 0x00", refused(hex("14 8e 01 00 00 " + PROTO_TAIL)).getMessage());
        assertEquals("message: bad type 0x0f", refused(hex("14 8e 01 0f 00 " + PROTO_TAIL)).getMessage());
    }

    @Test
    void refusesTruncatedBuffers() {
        assertEquals("message: no frames (a proto frame is required)", refused(new byte[0]).getMessage());
        assertEquals("message: truncated frame size at offset 0", refused(hex("ff 00 00")).getMessage());
        assertEquals("message: truncated frame at offset 0 (5 bytes declared, 2 remain)",
                refused(hex("05 01 02")).getMessage());
        assertEquals("message: truncated frame at offset 2 (4294967295 bytes declared, 0 remain)",
                refused(hex("01 61 ff ff ff ff ff")).getMessage());
        byte[] good = MessageCodec.encode(Message.request("abc").payloadString("x").pushRoute("r").build());
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(FormatException.class, () -> MessageCodec.decode(cut), "prefix of " + n);
        }
    }

    @Test
    void refusesFlagsInconsistentWithFrames() {
        // TOPIC flag, only the proto frame
        assertEquals("message: missing topic frame (flags 0x01)",
                refused(hex("14 8e 01 01 01 " + PROTO_TAIL)).getMessage());
        // PAYLOAD flag, only the proto frame
        assertEquals("message: missing payload frame (flags 0x02)",
                refused(hex("14 8e 01 01 02 " + PROTO_TAIL)).getMessage());
        // ROUTE flag, a route but no delimiter
        assertEquals("message: route stack has no delimiter frame (flags 0x08)",
                refused(hex("01 61 14 8e 01 01 08 " + PROTO_TAIL)).getMessage());
        // TOPIC|PAYLOAD, only one frame before proto
        assertEquals("message: missing payload frame (flags 0x03)",
                refused(hex("01 61 14 8e 01 01 03 " + PROTO_TAIL)).getMessage());
        // no flags, a stray frame (flux-core ignores it; we refuse)
        assertEquals("message: 1 unexpected frame before the proto frame (flags 0x00)",
                refused(hex("01 61 14 8e 01 01 00 " + PROTO_TAIL)).getMessage());
        // routes without ROUTE flag look like stray frames
        assertEquals("message: 2 unexpected frames before the proto frame (flags 0x00)",
                refused(hex("01 61 00 14 8e 01 01 00 " + PROTO_TAIL)).getMessage());
        // a route frame that is empty as a C string
        assertEquals("message: route frame 0 begins with NUL",
                refused(hex("02 00 61 00 14 8e 01 01 08 " + PROTO_TAIL)).getMessage());
    }

    @Test
    void refusesNonUtf8Text() {
        assertEquals("message: topic is not valid UTF-8",
                refused(hex("02 c3 28 14 8e 01 01 01 " + PROTO_TAIL)).getMessage());
        assertThrows(FormatException.class,
                () -> MessageCodec.fromFrames(java.util.Arrays.asList((byte[]) null)));
    }

    @Test
    void acceptsWhatFluxCoreDoesNotCheck() throws FormatException {
        // NORESPONSE|STREAMING together is not refused by flux-core's decoder
        Message d = MessageCodec.decode(hex("14 8e 01 01 44 " + PROTO_TAIL));
        assertTrue(d.isNoResponse() && d.isStreaming());
        assertFalse(MessageFlags.isValid(d.flags()));
        // a control message with a topic and an event with a nonzero unused word
        Message c = MessageCodec.decode(cat(hex("01 74"), hex("14 8e 01 08 01 " + PROTO_TAIL)));
        assertEquals("t", c.topic());
        Message e = MessageCodec.decode(hex("14 8e 01 04 00 ff ff ff ff 00 00 00 00 00 00 00 01 00 00 00 09"));
        assertEquals(9, e.aux2());
        assertNull(e.topic());
    }
}
