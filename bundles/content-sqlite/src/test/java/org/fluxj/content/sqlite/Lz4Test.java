package org.fluxj.content.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Lz4Test {

    @Test
    void decodesLiteralsAndOverlappingMatches() {
        // literals "abc", then a match of offset 3 and length 4+5: "abcabcabcabc"
        byte[] block = {(byte) 0x35, 'a', 'b', 'c', 3, 0, 0x00};
        // the final sequence must be literals only: token 0x00 with no literals is allowed
        assertArrayEquals("abcabcabcabc".getBytes(), Lz4.decompress(block, 12));
        assertArrayEquals("xyz".getBytes(), Lz4.decompress(new byte[] {0x30, 'x', 'y', 'z'}, 3));
        assertArrayEquals(new byte[0], Lz4.decompress(new byte[] {0x00}, 0));
    }

    @Test
    void refusesMalformedBlocks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lz4.decompress(new byte[] {0x35, 'a', 'b', 'c', 9, 0, 0x00}, 12));
        assertTrue(e.getMessage().contains("offset 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[] {0x35, 'a', 'b', 'c', 3, 0, 0x00}, 11));
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[] {0x35, 'a', 'b', 'c', 3, 0, 0x00}, 13));
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[] {(byte) 0xf0, (byte) 0xff}, 300));
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[] {0x10, 'a'}, -1));
        assertThrows(IllegalArgumentException.class, () -> Lz4.decompress(new byte[] {0x15, 'a', 0, 0}, 10));
    }
}
