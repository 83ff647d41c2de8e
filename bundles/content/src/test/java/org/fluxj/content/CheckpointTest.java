package org.fluxj.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.fluxj.content.api.Checkpoint;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.BlobRef.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
    static final BlobRef ROOT = BlobRef.hash(Algorithm.SHA1, new byte[0]);

    @Test
    void encodesAsKvsCheckpointCommit() throws FormatException {
        Checkpoint c = new Checkpoint(ROOT, 7, 1700000000.5);
        assertEquals("{\"version\":1,\"rootref\":\"" + ROOT + "\",\"sequence\":7,\"timestamp\":1700000000.5}", c.encode());
        assertEquals(c, Checkpoint.decode(c.encode()));
        assertEquals(c, Checkpoint.fromJson(c.toJson()));
        assertEquals("{\"version\":1,\"rootref\":\"" + ROOT + "\",\"sequence\":0,\"timestamp\":3.0}", new Checkpoint(ROOT, 0, 3).encode());
    }

    @Test
    void sequenceAndTimestampAreOptionalAndVersionZeroIsRead() throws FormatException {
        assertEquals(new Checkpoint(ROOT, 0, 0), Checkpoint.decode("{\"version\":0,\"rootref\":\"" + ROOT + "\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|checkpoint: expected a JSON object",
        "{}|checkpoint: \"version\" must be an integer",
        "{\"version\":2,\"rootref\":\"x\"}|checkpoint: unsupported version 2",
        "{\"version\":1}|checkpoint: \"rootref\" must be a string",
        "{\"version\":1,\"rootref\":\"sha1-xyz\"}|checkpoint: rootref: invalid blobref",
        "{\"version\":1,\"rootref\":\"sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709\",\"sequence\":\"1\"}|checkpoint: \"sequence\" must be an integer",
        "{\"version\":1,\"rootref\":\"sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709\",\"timestamp\":\"now\"}|checkpoint: \"timestamp\" must be a number",
        "sha1-da39a3ee5e6b4b0d3255bfef95601890afd80709|checkpoint: invalid JSON",
    })
    void refusesMalformedCheckpoints(String text, String message) {
        FormatException e = assertThrows(FormatException.class, () -> Checkpoint.decode(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Property
    void roundTrips(@ForAll long sequence, @ForAll @DoubleRange(min = 0, max = 1e10) double timestamp) throws FormatException {
        Checkpoint c = new Checkpoint(ROOT, sequence, timestamp);
        assertEquals(c, Checkpoint.decode(c.encode()));
    }
}
