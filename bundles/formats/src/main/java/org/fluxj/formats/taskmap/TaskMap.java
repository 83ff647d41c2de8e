package org.fluxj.formats.taskmap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;

/**
 * An RFC 34 task map: an immutable list of map blocks {@code [nodeid, nnodes, ppn, repeat]}
 * that assigns job task ranks to node IDs. A map with no blocks means the mapping is unknown.
 * Built with {@link Builder#append}, which compresses blocks exactly as flux-core's
 * {@code taskmap_append()} does, so equal distributions always encode alike.
 */
public final class TaskMap {

    /** One map block: {@code nnodes} nodes from {@code nodeid}, {@code ppn} tasks each, {@code repeat} times. */
    public record Block(int nodeid, int nnodes, int ppn, int repeat) {
        /** The last node ID of the block. */
        public int end() {
            return nodeid + nnodes - 1;
        }
    }

    private static final TaskMap UNKNOWN = new TaskMap(List.of());

    private final List<Block> blocks;

    private TaskMap(List<Block> blocks) {
        this.blocks = Collections.unmodifiableList(blocks);
    }

    /** The task map with no blocks: mapping unknown. */
    public static TaskMap unknown() {
        return UNKNOWN;
    }

    /** A map built block by block; see {@link #append}. */
    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        /**
         * Adds {@code nnodes} nodes from {@code nodeid} with {@code ppn} tasks each, merging with the
         * last block when flux-core would: an adjacent run with the same ppn, more tasks on the same
         * single node, or a repeat of the same block.
         */
        public Builder append(int nodeid, int nnodes, int ppn) {
            if (nodeid < 0 || nnodes <= 0 || ppn <= 0) {
                throw new IllegalArgumentException("taskmap: invalid block (" + nodeid + "," + nnodes + "," + ppn + ")");
            }
            if (!blocks.isEmpty()) {
                int tail = blocks.size() - 1;
                Block b = blocks.get(tail);
                if (nodeid == b.end() + 1 && ppn == b.ppn() && b.repeat() == 1) {
                    blocks.set(tail, new Block(b.nodeid(), b.nnodes() + nnodes, b.ppn(), 1));
                    findRepeats();
                    return this;
                }
                if (b.nodeid() == nodeid && b.nnodes() == 1 && nnodes == 1) {
                    blocks.set(tail, new Block(b.nodeid(), 1, b.ppn() + ppn, b.repeat()));
                    findRepeats();
                    return this;
                }
                if (b.nodeid() == nodeid && b.nnodes() == nnodes && b.ppn() == ppn) {
                    blocks.set(tail, new Block(nodeid, nnodes, ppn, b.repeat() + 1));
                    return this;
                }
            }
            blocks.add(new Block(nodeid, nnodes, ppn, 1));
            return this;
        }

        private void findRepeats() {
            List<Block> out = new ArrayList<>();
            for (Block b : blocks) {
                if (!out.isEmpty()) {
                    Block p = out.get(out.size() - 1);
                    if (p.nodeid() == b.nodeid() && p.nnodes() == b.nnodes() && p.ppn() == b.ppn()) {
                        out.set(out.size() - 1, new Block(p.nodeid(), p.nnodes(), p.ppn(), p.repeat() + b.repeat()));
                        continue;
                    }
                }
                out.add(b);
            }
            blocks.clear();
            blocks.addAll(out);
        }

        public TaskMap build() {
            return blocks.isEmpty() ? UNKNOWN : new TaskMap(new ArrayList<>(blocks));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Block distribution: node {@code i} gets the next {@code ppn[i]} consecutive tasks. */
    public static TaskMap block(int... ppn) {
        Builder b = new Builder();
        for (int i = 0; i < ppn.length; i++) {
            b.append(i, 1, ppn[i]);
        }
        return b.build();
    }

    /**
     * Cyclic distribution: tasks dealt round-robin over the nodes, {@code stride} at a time,
     * node {@code i} receiving {@code ppn[i]} in all (cyclic:1 is plain round-robin; cyclic:N is
     * Slurm's plane distribution).
     */
    public static TaskMap cyclic(int[] ppn, int stride) {
        if (stride <= 0) {
            throw new IllegalArgumentException("taskmap: stride must be positive");
        }
        Builder b = new Builder();
        int[] given = new int[ppn.length];
        long left = 0;
        for (int n : ppn) {
            left += n;
        }
        while (left > 0) {
            for (int i = 0; i < ppn.length; i++) {
                int avail = ppn[i] - given[i];
                if (avail == 0) {
                    continue;
                }
                int n = Math.min(stride, avail);
                b.append(i, 1, n);
                given[i] += n;
                left -= n;
            }
        }
        return b.build();
    }

    /**
     * Parses any task map text flux-core accepts: an RFC 34 JSON array or wrapped object, a raw
     * task map ({@code "0-3;4-7"}), or a PMI-1 {@code PMI_process_mapping} ({@code "(vector,(0,4,4))"};
     * empty text is the unknown map).
     */
    public static TaskMap parse(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("taskmap: Invalid argument");
        }
        if (s.isEmpty() || s.contains("vector,")) {
            return parsePmi(s);
        }
        if (!containsAny(s, "({[]})")) {
            return parseRaw(s);
        }
        return fromJson(Json.parse(s, "taskmap"));
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** An RFC 34 task map as JSON: the block array, or the {@code {"version":1,"map":[...]}} wrapper. */
    public static TaskMap fromJson(JsonNode o) throws FormatException {
        if (o == null) {
            throw new FormatException("taskmap: Invalid argument");
        }
        JsonNode array = o;
        if (o.isObject()) {
            JsonNode version = o.get("version");
            if (version == null) {
                throw new FormatException("taskmap: Object item not present: version");
            }
            if (!version.isIntegralNumber()) {
                throw new FormatException("taskmap: version: Expected integer, got " + Json.typeName(version));
            }
            array = o.get("map");
            if (array == null) {
                throw new FormatException("taskmap: Object item not present: map");
            }
            if (!version.canConvertToInt() || version.intValue() != 1) {
                throw new FormatException("taskmap: expected version=1, got " + version.asText());
            }
        } else if (!o.isArray()) {
            throw new FormatException("taskmap: taskmap must be an object or array");
        }
        if (!array.isArray()) {
            throw new FormatException("taskmap: taskmap must be an array");
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            if (!e.isArray()) {
                throw new FormatException("taskmap: entry " + i + " in taskmap is not an array");
            }
            if (e.size() != 4) {
                throw new FormatException("taskmap: error in taskmap entry " + i + ": expected 4 integers, got "
                        + e.size() + " elements");
            }
            int[] v = new int[4];
            for (int k = 0; k < 4; k++) {
                JsonNode n = e.get(k);
                if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                    throw new FormatException("taskmap: error in taskmap entry " + i + ": Expected integer, got "
                            + (n.isIntegralNumber() ? n.asText() : Json.typeName(n)));
                }
                v[k] = n.intValue();
            }
            if (v[0] < 0 || v[1] <= 0 || v[2] <= 0 || v[3] <= 0) {
                throw new FormatException("taskmap: invalid entry [" + v[0] + "," + v[1] + "," + v[2] + "," + v[3] + "]");
            }
            blocks.add(new Block(v[0], v[1], v[2], v[3]));
        }
        if (totalOf(blocks) > Integer.MAX_VALUE) {
            throw new FormatException("taskmap: too many tasks");
        }
        return blocks.isEmpty() ? UNKNOWN : new TaskMap(blocks);
    }

    /** A raw task map: node ID-ordered RFC 22 idsets of task ranks separated by semicolons. */
    public static TaskMap parseRaw(String s) throws FormatException {
        if (s == null || s.isEmpty()) {
            throw new FormatException("taskmap: Invalid argument");
        }
        record Run(long taskid, int nodeid, long repeat) {
        }
        List<Run> runs = new ArrayList<>();
        int nodeid = 0;
        for (String tok : s.split(";")) {
            if (tok.isEmpty()) {
                continue;
            }
            IdSet ids;
            try {
                ids = IdSet.decode(tok);
            } catch (FormatException e) {
                throw new FormatException("taskmap: " + e.getMessage().replaceFirst("^idset: ", ""));
            }
            long start = -1;
            long prev = -1;
            for (int id : ids) {
                if (start >= 0 && id == prev + 1) {
                    prev = id;
                    continue;
                }
                if (start >= 0) {
                    runs.add(new Run(start, nodeid, prev - start + 1));
                }
                start = prev = id;
            }
            if (start >= 0) {
                runs.add(new Run(start, nodeid, prev - start + 1));
            }
            nodeid++;
        }
        runs.sort((a, b) -> Long.compare(a.taskid(), b.taskid()));
        Builder b = new Builder();
        long end1 = -1;
        for (Run t : runs) {
            long start = t.taskid();
            long end2 = t.taskid() + t.repeat() - 1;
            long end = Math.min(end1, end2);
            long overlap = end - start;
            if (overlap >= 0) {
                throw new FormatException(overlap == 0
                        ? "taskmap: duplicate taskid specified: " + start
                        : "taskmap: duplicate taskids specified: " + start + "-" + end);
            }
            if (overlap != -1) {
                throw new FormatException(overlap == -2
                        ? "taskmap: missing taskid: " + (end + 1)
                        : "taskmap: missing taskids: " + (end + 1) + "-" + (end - overlap - 1));
            }
            if (end2 > Integer.MAX_VALUE) {
                throw new FormatException("taskmap: too many tasks");
            }
            b.append(t.nodeid(), 1, (int) t.repeat());
            end1 = end2;
        }
        return b.build();
    }

    /** A PMI-1 {@code PMI_process_mapping} value; the empty string is the unknown map. */
    public static TaskMap parsePmi(String s) throws FormatException {
        if (s == null) {
            throw new FormatException("taskmap: Invalid argument");
        }
        if (s.isEmpty()) {
            return UNKNOWN;
        }
        Builder b = new Builder();
        boolean sentinel = false;
        for (String raw : s.split("\\(")) {
            if (raw.isEmpty()) {
                continue;
            }
            String tok = raw.stripLeading();
            if (tok.startsWith("vector,")) {
                sentinel = true;
            } else if (!tok.isBlank()) {
                if (!sentinel) {
                    throw new FormatException("taskmap: vector prefix must precede blocklist");
                }
                long[] v = pmiBlock(tok);
                if (v == null) {
                    throw new FormatException("taskmap: unable to parse block: (" + tok);
                }
                if (v[1] <= 0 || v[2] <= 0 || v[0] > Integer.MAX_VALUE || v[1] > Integer.MAX_VALUE
                        || v[2] > Integer.MAX_VALUE) {
                    throw new FormatException("taskmap: invalid number in block: (" + tok);
                }
                b.append((int) v[0], (int) v[1], (int) v[2]);
            }
        }
        TaskMap map = b.build();
        if (map.isUnknown()) {
            throw new FormatException("taskmap: no tasks found in PMI_process_mapping");
        }
        if (totalOf(map.blocks) > Integer.MAX_VALUE) {
            throw new FormatException("taskmap: too many tasks");
        }
        return map;
    }

    /** Parses "N,N,N)" as strtoul would: optional leading space, digits; null if malformed. */
    private static long[] pmiBlock(String s) {
        long[] v = new long[3];
        int pos = 0;
        for (int k = 0; k < 3; k++) {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '+') {
                pos++;
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start || pos - start > 10) {
                return null;
            }
            v[k] = Long.parseLong(s.substring(start, pos));
            char want = k < 2 ? ',' : ')';
            if (pos >= s.length() || s.charAt(pos) != want) {
                return null;
            }
            pos++;
        }
        return v;
    }

    private static long totalOf(List<Block> blocks) {
        long n = 0;
        for (Block b : blocks) {
            n += (long) b.nnodes() * b.ppn() * b.repeat();
        }
        return n;
    }

    /** True when the map has no blocks: the task mapping is unknown. */
    public boolean isUnknown() {
        return blocks.isEmpty();
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The number of nodes (one more than the highest node ID); 0 when unknown. */
    public int nnodes() {
        int n = 0;
        for (Block b : blocks) {
            n = Math.max(n, b.nodeid() + b.nnodes());
        }
        return n;
    }

    /** The total number of tasks; 0 when unknown. */
    public int totalTasks() {
        return (int) totalOf(blocks);
    }

    /** The task ranks on node {@code nodeid}; empty when the node has none or the map is unknown. */
    public IdSet taskIds(int nodeid) {
        IdSet ids = new IdSet();
        long current = 0;
        for (Block b : blocks) {
            for (int n = 0; n < b.repeat(); n++) {
                if (nodeid >= b.nodeid() && nodeid <= b.end()) {
                    long start = current + (long) (nodeid - b.nodeid()) * b.ppn();
                    ids.setRange((int) start, (int) (start + b.ppn() - 1));
                }
                current += (long) b.nnodes() * b.ppn();
            }
        }
        return ids;
    }

    /** The number of tasks on node {@code nodeid}. */
    public int ntasks(int nodeid) {
        return (int) taskIds(nodeid).count();
    }

    /** The node ID running task {@code taskid}; empty if the task is not in the map. */
    public OptionalInt nodeId(int taskid) {
        if (taskid < 0) {
            return OptionalInt.empty();
        }
        long current = 0;
        for (Block b : blocks) {
            long size = (long) b.nnodes() * b.ppn();
            if (taskid < current + size * b.repeat()) {
                long distance = (taskid - current) % size;
                return OptionalInt.of(b.nodeid() + (int) (distance / b.ppn()));
            }
            current += size * b.repeat();
        }
        return OptionalInt.empty();
    }

    /**
     * Checks that {@code updated} may replace this map: same node count and total tasks.
     * The message is flux-core's, e.g. {@code taskmap: got 2 nodes, expected 4}.
     */
    public void check(TaskMap updated) throws FormatException {
        if (updated.nnodes() != nnodes()) {
            throw new FormatException("taskmap: got " + updated.nnodes() + " nodes, expected " + nnodes());
        }
        if (updated.totalTasks() != totalTasks()) {
            throw new FormatException("taskmap: got " + updated.totalTasks() + " total tasks, expected " + totalTasks());
        }
    }

    /** Compact RFC 34 JSON: {@code [[0,4,4,1]]}. */
    public String encode() {
        StringBuilder sb = new StringBuilder("[");
        for (Block b : blocks) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('[').append(b.nodeid()).append(',').append(b.nnodes()).append(',')
                    .append(b.ppn()).append(',').append(b.repeat()).append(']');
        }
        return sb.append(']').toString();
    }

    /** The wrapped form: {@code {"version":1,"map":[[0,4,4,1]]}}. */
    public String encodeWrapped() {
        return "{\"version\":1,\"map\":" + encode() + "}";
    }

    /** The raw form: each node's task idset, ranged, separated by semicolons. */
    public String encodeRaw() {
        return raw(false);
    }

    /** The raw form without ranges: {@code 0,1,2,3;4,5,6,7}. */
    public String encodeRawDeranged() {
        return raw(true);
    }

    private String raw(boolean deranged) {
        StringBuilder sb = new StringBuilder();
        int n = nnodes();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(';');
            }
            IdSet ids = taskIds(i);
            sb.append(deranged ? ids.encode() : ids.encode(IdSet.Flag.RANGE));
        }
        return sb.toString();
    }

    /** The PMI-1 {@code PMI_process_mapping} form; empty for the unknown map. */
    public String encodePmi() {
        if (isUnknown()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("(vector,");
        boolean first = true;
        for (Block b : blocks) {
            for (int i = 0; i < b.repeat(); i++) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('(').append(b.nodeid()).append(',').append(b.nnodes()).append(',').append(b.ppn()).append(')');
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskMap t && t.blocks.equals(blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
