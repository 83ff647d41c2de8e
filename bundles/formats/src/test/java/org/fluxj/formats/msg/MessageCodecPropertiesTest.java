package org.fluxj.formats.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fluxj.formats.FormatException;

class MessageCodecPropertiesTest {

    @Provide
    Arbitrary<Message> messages() {
        return MessageArbitraries.messages();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<List<byte[]>> randomFrames() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(30).list().ofMaxSize(6);
    }

    @Property
    void singleBufferRoundTrips(@ForAll("messages") Message m) throws FormatException {
        byte[] enc = MessageCodec.encode(m);
        assertEquals(enc.length, MessageCodec.encodedSize(m));
        Message d = MessageCodec.decode(enc);
        assertEquals(m, d);
        assertArrayEquals(enc, MessageCodec.encode(d));
    }

    @Property
    void framesRoundTrip(@ForAll("messages") Message m) throws FormatException {
        List<byte[]> frames = MessageCodec.toFrames(m);
        assertEquals(m, MessageCodec.fromFrames(frames));
        // the single buffer is the frames with size prefixes
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] f : frames) {
            if (f.length < 255) {
                out.write(f.length);
            } else {
                out.write(0xff);
                out.write(f.length >>> 24);
                out.write(f.length >>> 16);
                out.write(f.length >>> 8);
                out.write(f.length);
            }
            out.writeBytes(f);
        }
        assertArrayEquals(out.toByteArray(), MessageCodec.encode(m));
    }

    /** Whatever the bytes, decoding either yields a message that re-encodes stably, or a FormatException. */
    @Property(tries = 2000)
    void randomBytesOnlyEverFormatException(@ForAll("randomBytes") byte[] bytes) {
        decodeOrRefuse(bytes);
    }

    /** Random bytes that begin like a proto frame get further into the decoder. */
    @Property(tries = 2000)
    void randomFramesBeforeAValidLookingProto(@ForAll("randomFrames") List<byte[]> frames,
            @ForAll("randomBytes") byte[] tail) {
        List<byte[]> all = new ArrayList<>(frames);
        byte[] proto = new byte[20];
        proto[0] = (byte) 0x8e;
        proto[1] = 1;
        proto[2] = (byte) (tail.length > 0 ? (1 << (tail[0] & 3)) : 1);
        proto[3] = (byte) (tail.length > 1 ? tail[1] : 0);
        System.arraycopy(tail, 0, proto, 4, Math.min(16, Math.max(0, tail.length - 4)));
        all.add(proto);
        try {
            Message m = MessageCodec.fromFrames(all);
            assertEquals(m, MessageCodec.fromFrames(MessageCodec.toFrames(m)));
        } catch (FormatException e) {
            // refused: fine
        }
    }

    /** Corrupting a valid encoding anywhere yields a message or a FormatException, nothing else. */
    @Property(tries = 2000)
    void mutatedEncodingsOnlyEverFormatException(@ForAll("messages") Message m,
            @ForAll("randomBytes") byte[] noise) {
        byte[] enc = MessageCodec.encode(m);
        for (int i = 0; i + 1 < noise.length; i += 2) {
            int at = (noise[i] & 0xff) * enc.length / 256;
            enc[at] = noise[i + 1];
        }
        decodeOrRefuse(enc);
        if (noise.length > 0) {
            decodeOrRefuse(java.util.Arrays.copyOf(enc, (noise[0] & 0xff) * enc.length / 256));
        }
    }

    static void decodeOrRefuse(byte[] bytes) {
        Message m;
        try {
            m = MessageCodec.decode(bytes);
        } catch (FormatException e) {
            return;
        }
        try {
            assertEquals(m, MessageCodec.decode(MessageCodec.encode(m)));
        } catch (FormatException e) {
            throw new AssertionError("re-encoded message refused: " + e.getMessage(), e);
        }
    }
}
