package org.fluxj.rexec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayDeque;
import java.util.Deque;
import org.fluxj.formats.json.Json;

/**
 * The most recent output of a waitable background process, for its {@code wait} response: at
 * most {@link #MAX} bytes of data, dropping whole records oldest first but always keeping the
 * last one (flux-core's RETAINED_OUTPUT_MAX).
 */
final class RetainedOutput {
    static final int MAX = 8192;

    private final Deque<Record> records = new ArrayDeque<>();
    private int bytes;

    private static final class Record {
        final String stream;
        final byte[] data;

        Record(String stream, byte[] data) {
            this.stream = stream;
            this.data = data;
        }
    }

    void add(String stream, byte[] data) {
        records.addLast(new Record(stream, data));
        bytes += data.length;
        while (bytes > MAX && records.size() > 1) {
            bytes -= records.removeFirst().data.length;
        }
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    ArrayNode toJson(String rank) {
        ArrayNode a = Json.array();
        for (Record r : records) {
            a.add(IoObject.encode(r.stream, rank, r.data, false));
        }
        return a;
    }
}
