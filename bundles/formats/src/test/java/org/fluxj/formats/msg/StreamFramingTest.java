package org.fluxj.formats.msg;

import static org.fluxj.formats.msg.MessageCodecTest.cat;
import static org.fluxj.formats.msg.MessageCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;

class StreamFramingTest {

    @Test
    void prefixIsHostOrderMagicThenBigEndianLengthOfTheMessageOnly() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "x86-64 / aarch64 byte order");
        Message m = Message.request("foo.bar").build();
        byte[] body = MessageCodec.encode(m);
        assertEquals(30, body.length);
        byte[] framed = StreamFraming.frame(m);
        assertArrayEquals(cat(hex("12 00 ee ff 00 00 00 1e"), body), framed);
        assertEquals(38, StreamFraming.framedSize(m));
    }

    @Test
    void longMessageLength() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        Message m = Message.builder(MessageType.EVENT).payload(new byte[70000]).build();
        byte[] framed = StreamFraming.frame(m);
        // 70000 + 5 + 21 = 70026 = 0x0001118a
        assertArrayEquals(hex("12 00 ee ff 00 01 11 8a"), Arrays.copyOf(framed, 8));
    }

    @Test
    void writeAndPutMatchFrame() throws IOException {
        Message m = Message.request("a").payloadString("b").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamFraming.write(out, m);
        assertArrayEquals(StreamFraming.frame(m), out.toByteArray());
        ByteBuffer bb = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        StreamFraming.put(bb, m);
        assertEquals(ByteOrder.LITTLE_ENDIAN, bb.order());
        assertArrayEquals(StreamFraming.frame(m), Arrays.copyOf(bb.array(), bb.position()));
        ByteBuffer small = ByteBuffer.allocate(10);
        assertThrows(java.nio.BufferOverflowException.class, () -> StreamFraming.put(small, m));
        assertEquals(0, small.position());
    }

    @Test
    void blockingRead() throws IOException, FormatException {
        Message a = Message.request("a").build();
        Message b = Message.event("b").sequence(3).build();
        ByteArrayInputStream in = new ByteArrayInputStream(cat(StreamFraming.frame(a), StreamFraming.frame(b)));
        assertEquals(a, StreamFraming.read(in, 1000));
        assertEquals(b, StreamFraming.read(in, 1000));
        assertNull(StreamFraming.read(in, 1000));
        byte[] framed = StreamFraming.frame(a);
        assertThrows(EOFException.class,
                () -> StreamFraming.read(new ByteArrayInputStream(Arrays.copyOf(framed, 5)), 1000));
        assertThrows(EOFException.class,
                () -> StreamFraming.read(new ByteArrayInputStream(Arrays.copyOf(framed, 20)), 1000));
        FormatException e = assertThrows(FormatException.class,
                () -> StreamFraming.read(new ByteArrayInputStream(framed), 10));
        assertEquals("message: stream frame: length 24 exceeds the maximum 10", e.getMessage());
    }

    @Test
    void decoderYieldsWholeMessagesFromByteAtATimeFeeding() throws FormatException {
        Message a = Message.request("a").payloadString("x").build();
        Message b = Message.control(1, 2);
        byte[] stream = cat(StreamFraming.frame(a), StreamFraming.frame(b));
        StreamFraming.Decoder d = new StreamFraming.Decoder();
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            got.addAll(d.feed(stream, i, 1));
            if (i < stream.length - 1) {
                assertTrue(got.size() < 2);
            }
        }
        assertEquals(List.of(a, b), got);
        assertTrue(d.isIdle());
        assertEquals(0, d.buffered());
    }

    @Test
    void decoderRefusesBadMagic() {
        StreamFraming.Decoder d = new StreamFraming.Decoder();
        byte[] bad = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(0x12345678).putInt(0).array();
        FormatException e = assertThrows(FormatException.class, () -> d.feed(bad));
        assertEquals("message: stream frame: bad magic 0x12345678", e.getMessage());
        // the stream cannot be resynchronised
        FormatException again = assertThrows(FormatException.class,
                () -> d.feed(StreamFraming.frame(Message.control(0, 0))));
        assertTrue(again.getMessage().startsWith("message: stream frame: stream already failed"), again.getMessage());
    }

    @Test
    void decoderRefusesBigEndianMagicOnLittleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        FormatException e = assertThrows(FormatException.class,
                () -> new StreamFraming.Decoder().feed(hex("ff ee 00 12 00 00 00 15")));
        assertEquals("message: stream frame: bad magic 0x1200eeff", e.getMessage());
    }

    @Test
    void decoderRefusesOversizeLengthBeforeReadingIt() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        StreamFraming.Decoder d = new StreamFraming.Decoder(1 << 20);
        FormatException e = assertThrows(FormatException.class, () -> d.feed(hex("12 00 ee ff ff ff ff ff")));
        assertEquals("message: stream frame: length 4294967295 exceeds the maximum 1048576", e.getMessage());
        FormatException e2 = assertThrows(FormatException.class,
                () -> new StreamFraming.Decoder().feed(hex("12 00 ee ff 7f ff ff ff")));
        assertEquals("message: stream frame: length 2147483647 exceeds the maximum 268435456", e2.getMessage());
    }

    @Test
    void decoderDeliversMessagesBeforeAMalformedOne() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        Message a = Message.request("a").build();
        byte[] stream = cat(StreamFraming.frame(a), hex("12 00 ee ff 00 00 00 02 01 00"));
        List<Message> got = new ArrayList<>();
        FormatException e = assertThrows(FormatException.class,
                () -> new StreamFraming.Decoder().feed(ByteBuffer.wrap(stream), got::add));
        assertEquals("message: truncated proto frame (1 bytes, expected 20)", e.getMessage());
        assertEquals(List.of(a), got);
    }

    @Test
    void decoderRefusesZeroLengthMessage() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        FormatException e = assertThrows(FormatException.class,
                () -> new StreamFraming.Decoder().feed(hex("12 00 ee ff 00 00 00 00")));
        assertEquals("message: no frames (a proto frame is required)", e.getMessage());
    }

    @Test
    void partialState() throws FormatException {
        StreamFraming.Decoder d = new StreamFraming.Decoder();
        byte[] framed = StreamFraming.frame(Message.request("abc").build());
        assertEquals(List.of(), d.feed(framed, 0, 5));
        assertEquals(5, d.buffered());
        assertEquals(List.of(), d.feed(framed, 5, 10));
        assertEquals(15, d.buffered());
        assertEquals(1, d.feed(framed, 15, framed.length - 15).size());
        assertTrue(d.isIdle());
    }

    // ------------------------------------------------------------- properties

    @Provide
    Arbitrary<List<Message>> messageLists() {
        return MessageArbitraries.messages().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 100000).list().ofMaxSize(12);
    }

    @Property
    void randomChunkingYieldsTheSameMessages(@ForAll("messageLists") List<Message> msgs,
            @ForAll("cuts") List<Integer> cuts) throws FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : msgs) {
            out.writeBytes(StreamFraming.frame(m));
        }
        byte[] stream = out.toByteArray();
        int[] points = cuts.stream().mapToInt(c -> stream.length == 0 ? 0 : c % (stream.length + 1)).sorted()
                .toArray();
        StreamFraming.Decoder d = new StreamFraming.Decoder();
        List<Message> got = new ArrayList<>();
        int from = 0;
        for (int p : points) {
            got.addAll(d.feed(stream, from, p - from));
            from = p;
        }
        got.addAll(d.feed(stream, from, stream.length - from));
        assertEquals(msgs, got);
        assertTrue(d.isIdle());
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 2000)
    void randomBytesOnlyEverFormatException(@ForAll("randomBytes") byte[] bytes, @ForAll boolean withMagic) {
        byte[] input = bytes;
        if (withMagic && bytes.length >= 8) {
            input = bytes.clone();
            ByteBuffer.wrap(input).order(ByteOrder.nativeOrder()).putInt(StreamFraming.MAGIC);
            input[4] = 0;
            input[5] = 0;
        }
        StreamFraming.Decoder d = new StreamFraming.Decoder(1 << 16);
        try {
            d.feed(input);
        } catch (FormatException e) {
            return;
        }
    }
}
