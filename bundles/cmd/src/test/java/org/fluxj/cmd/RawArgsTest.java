package org.fluxj.cmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bytes of command-line words; the bytes the JVM's decoding lost are tested end to end (KvsLimitsIT). */
class RawArgsTest {

    @Test
    void aWordThatDecodedCleanlyIsItsUtf8() {
        assertArrayEquals("k=héllo".getBytes(StandardCharsets.UTF_8), RawArgs.bytesOf("k=héllo").orElseThrow());
    }

    @Test
    void aLossyWordThatIsNoArgumentOfThisProcessCannotBeHad() {
        assertEquals(Optional.empty(), RawArgs.bytesOf("k=\uFFFD-not-an-argument-of-this-jvm"));
    }

    @Test
    void tellsUtf8FromOtherBytes() {
        assertTrue(RawArgs.isUtf8("é\uFFFD".getBytes(StandardCharsets.UTF_8)));
        assertFalse(RawArgs.isUtf8(new byte[] {'k', (byte) 0xff}));
        assertFalse(RawArgs.isUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})); // overlong NUL
    }
}
