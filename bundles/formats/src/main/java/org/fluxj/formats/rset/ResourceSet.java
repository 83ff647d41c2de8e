package org.fluxj.formats.rset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;

/**
 * An RFC 20 (version 1) resource set, R: execution targets by broker rank, each with an
 * optional hostname, named child resources ({@code core}, {@code gpu}, ...) as idsets, and
 * properties; plus starttime, expiration, nslots and the opaque {@code scheduling} key.
 * Immutable: every operation returns a new set. Semantics follow flux-core's librlist.
 */
public final class ResourceSet {

    /** Characters a property name may not contain (RFC 20). */
    static final String PROPERTY_INVALID = "^&'\"`|()";

    /** Children order: "core" first, the rest by name, as flux-core prints them. */
    static final Comparator<String> CHILD_ORDER = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        } else if (a.equals("core")) {
            return -1;
        } else if (b.equals("core")) {
            return 1;
        }
        return a.compareTo(b);
    };

    /**
     * One execution target. {@code hostname} is null when R has no nodelist; {@code children}
     * always holds "core" (perhaps empty) and no other empty idset.
     */
    public record Node(int rank, String hostname, Map<String, IdSet> children, Set<String> properties) {
        public Node {
            TreeMap<String, IdSet> c = new TreeMap<>(CHILD_ORDER);
            children.forEach((k, v) -> {
                if (k.equals("core") || !v.isEmpty()) {
                    c.put(k, v.copy());
                }
            });
            c.putIfAbsent("core", new IdSet());
            children = Collections.unmodifiableMap(c);
            properties = Collections.unmodifiableSet(new TreeSet<>(properties));
        }

        /** The ids of child resource {@code type}, empty if none. */
        public IdSet ids(String type) {
            IdSet ids = children.get(type);
            return ids == null ? new IdSet() : ids.copy();
        }

        /** Total child resources of all types. */
        public long total() {
            long n = 0;
            for (IdSet ids : children.values()) {
                n += ids.count();
            }
            return n;
        }

        Node withRank(int r) {
            return new Node(r, hostname, children, properties);
        }

        Node withHostname(String h) {
            return new Node(rank, h, children, properties);
        }

        Node withChildren(Map<String, IdSet> c) {
            return new Node(rank, hostname, c, properties);
        }

        Node withProperties(Set<String> p) {
            return new Node(rank, hostname, children, p);
        }
    }

    private final TreeMap<Integer, Node> nodes;
    private final double starttime;
    private final double expiration;
    private final int nslots;
    private final JsonNode scheduling;

    private ResourceSet(TreeMap<Integer, Node> nodes, double starttime, double expiration, int nslots,
            JsonNode scheduling) {
        this.nodes = nodes;
        this.starttime = starttime;
        this.expiration = expiration;
        this.nslots = nslots;
        this.scheduling = scheduling == null ? null : scheduling.deepCopy();
    }

    private ResourceSet withNodes(TreeMap<Integer, Node> n, JsonNode sched) {
        return new ResourceSet(n, starttime, expiration, nslots, sched);
    }

    /** The empty resource set. */
    public static ResourceSet empty() {
        return new ResourceSet(new TreeMap<>(), 0, 0, 0, null);
    }

    /** A set holding exactly {@code nodes}; ranks must be distinct. */
    public static ResourceSet of(List<Node> nodes) throws FormatException {
        TreeMap<Integer, Node> map = new TreeMap<>();
        for (Node n : nodes) {
            if (map.put(n.rank(), n) != null) {
                throw new FormatException("R: rank " + n.rank() + " appears twice");
            }
        }
        return new ResourceSet(map, 0, 0, 0, null);
    }

    /**
     * What {@code flux R encode} builds: one node per rank, named from {@code hosts} in order
     * (null for no hostnames), each with {@code cores} and, if not empty, {@code gpus}.
     */
    public static ResourceSet encode(IdSet ranks, Hostlist hostlist, IdSet cores, IdSet gpus)
            throws FormatException {
        List<String> hosts = hostlist == null ? null : hostlist.expand();
        if (hosts != null && hosts.size() != ranks.count()) {
            throw new FormatException("R: hostname count " + hosts.size() + " does not match nranks ("
                    + ranks.count() + ")");
        }
        TreeMap<Integer, Node> map = new TreeMap<>();
        int i = 0;
        for (int rank : ranks) {
            Map<String, IdSet> c = new LinkedHashMap<>();
            c.put("core", cores);
            if (gpus != null) {
                c.put("gpu", gpus);
            }
            map.put(rank, new Node(rank, hosts == null ? null : hosts.get(i++), c, Set.of()));
        }
        return new ResourceSet(map, 0, 0, 0, null);
    }

    // ---------------------------------------------------------------- parse

    /** Parses one R document. */
    public static ResourceSet parse(String json) throws FormatException {
        return fromJson(Json.parse(json, "R"));
    }

    /**
     * Reads R objects concatenated on a stream, as {@code flux R} reads stdin: reading stops at
     * the first text that is not a JSON object or array once one R has been read.
     */
    public static List<ResourceSet> parseStream(String text) throws FormatException {
        List<ResourceSet> out = new ArrayList<>();
        String failure = "'[' or '{' expected near end of file";
        try (JsonParser p = Json.mapper().createParser(text)) {
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (JsonProcessingException e) {
                    failure = e.getOriginalMessage();
                    break;
                }
                if (t == null) {
                    break;
                }
                if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                    failure = "'[' or '{' expected near '" + p.getText() + "'";
                    break;
                }
                JsonNode node;
                try {
                    node = Json.mapper().reader()
                            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
                } catch (JsonProcessingException e) {
                    failure = e.getOriginalMessage();
                    break;
                }
                out.add(fromJson(node));
            }
        } catch (IOException e) {
            failure = e.getMessage();
        }
        if (out.isEmpty()) {
            throw new FormatException("R: no R object: " + failure);
        }
        return out;
    }

    /** Builds R from its JSON tree; every malformation is a FormatException naming the key. */
    public static ResourceSet fromJson(JsonNode o) throws FormatException {
        if (o == null || !o.isObject()) {
            throw new FormatException("R: expected object, got " + Json.typeName(o));
        }
        JsonNode version = require(o, "version", "");
        if (!version.isIntegralNumber()) {
            throw new FormatException("R: version: expected integer, got " + Json.typeName(version));
        }
        JsonNode scheduling = o.get("scheduling");
        JsonNode exec = require(o, "execution", "");
        if (!exec.isObject()) {
            throw new FormatException("R: execution: expected object, got " + Json.typeName(exec));
        }
        JsonNode rlite = require(exec, "R_lite", "execution.");
        JsonNode nodelist = exec.get("nodelist");
        JsonNode properties = exec.get("properties");
        int nslots = -1;
        if (exec.has("nslots")) {
            JsonNode v = exec.get("nslots");
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new FormatException("R: execution.nslots: expected integer, got " + Json.typeName(v));
            }
            nslots = v.intValue();
        }
        double starttime = real(exec, "starttime");
        double expiration = real(exec, "expiration");
        if (!version.canConvertToInt() || version.intValue() != 1) {
            throw new FormatException("R: invalid version=" + version.asText());
        }
        TreeMap<Integer, Node> map = new TreeMap<>();
        if (rlite.isArray()) {
            for (int i = 0; i < rlite.size(); i++) {
                appendEntry(map, rlite.get(i), "execution.R_lite[" + i + "]");
            }
        }
        if (nodelist != null) {
            assignNodelist(map, nodelist);
        }
        ResourceSet rl = new ResourceSet(map, starttime > 0 ? starttime : 0, expiration > 0 ? expiration : 0,
                nslots > 0 ? nslots : 0, scheduling);
        if (properties != null) {
            try {
                rl = rl.withProperties(properties);
            } catch (FormatException e) {
                throw new FormatException("R: execution.properties: " + e.getMessage());
            }
        }
        return rl;
    }

    private static JsonNode require(JsonNode o, String key, String path) throws FormatException {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new FormatException("R: missing " + path + key);
        }
        return v;
    }

    private static double real(JsonNode exec, String key) throws FormatException {
        JsonNode v = exec.get(key);
        if (v == null) {
            return -1;
        }
        if (!v.isNumber()) {
            throw new FormatException("R: execution." + key + ": expected real, got " + Json.typeName(v));
        }
        return v.doubleValue();
    }

    private static IdSet idset(String s, String path) throws FormatException {
        try {
            return IdSet.decode(s);
        } catch (FormatException e) {
            throw new FormatException("R: " + path + ": invalid idset '" + s + "'");
        }
    }

    private static void appendEntry(TreeMap<Integer, Node> map, JsonNode entry, String path) throws FormatException {
        if (!entry.isObject()) {
            throw new FormatException("R: " + path + ": expected object, got " + Json.typeName(entry));
        }
        JsonNode rank = require(entry, "rank", path + ".");
        if (!rank.isTextual()) {
            throw new FormatException("R: " + path + ".rank: expected string, got " + Json.typeName(rank));
        }
        JsonNode children = require(entry, "children", path + ".");
        IdSet ranks = idset(rank.textValue(), path + ".rank");
        Map<String, IdSet> kids = new LinkedHashMap<>();
        if (children.isObject()) {
            for (Map.Entry<String, JsonNode> e : children.properties()) {
                String cpath = path + ".children." + e.getKey();
                if (!e.getValue().isTextual()) {
                    throw new FormatException("R: " + cpath + ": expected string, got " + Json.typeName(e.getValue()));
                }
                kids.put(e.getKey(), idset(e.getValue().textValue(), cpath));
            }
        }
        for (int r : ranks) {
            Node n = new Node(r, null, kids, Set.of());
            Node found = map.get(r);
            map.put(r, found == null ? n : merge(found, n, path));
        }
    }

    /** rnode_add: children of {@code b} added to {@code a}; overlapping ids are an error. */
    private static Node merge(Node a, Node b, String path) throws FormatException {
        Map<String, IdSet> c = new LinkedHashMap<>(a.children());
        for (Map.Entry<String, IdSet> e : b.children().entrySet()) {
            IdSet have = c.get(e.getKey());
            if (have != null && have.hasIntersection(e.getValue())) {
                throw new FormatException("R: " + path + ": rank " + a.rank() + ": " + e.getKey() + " "
                        + have.intersect(e.getValue()).encode(IdSet.Flag.RANGE) + " already present");
            }
            c.put(e.getKey(), have == null ? e.getValue() : have.union(e.getValue()));
        }
        Set<String> p = new TreeSet<>(a.properties());
        p.addAll(b.properties());
        return new Node(a.rank(), a.hostname(), c, p);
    }

    private static void assignNodelist(TreeMap<Integer, Node> map, JsonNode nodelist) throws FormatException {
        if (!nodelist.isArray()) {
            throw new FormatException("R: execution.nodelist: expected array, got " + Json.typeName(nodelist));
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < nodelist.size(); i++) {
            JsonNode v = nodelist.get(i);
            if (!v.isTextual()) {
                throw new FormatException("R: execution.nodelist[" + i + "]: expected string, got " + Json.typeName(v));
            }
            try {
                hosts.addAll(Hostlist.decode(v.textValue()).expand());
            } catch (FormatException e) {
                throw new FormatException("R: execution.nodelist[" + i + "]: invalid hostlist '" + v.textValue() + "'");
            }
        }
        if (hosts.size() != map.size()) {
            throw new FormatException("R: execution.nodelist: " + hosts.size() + " hosts for " + map.size() + " ranks");
        }
        Iterator<String> h = hosts.iterator();
        for (Map.Entry<Integer, Node> e : map.entrySet()) {
            e.setValue(e.getValue().withHostname(h.next()));
        }
    }

    // ---------------------------------------------------------------- accessors

    /** The nodes in rank order. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<Node> node(int rank) {
        return Optional.ofNullable(nodes.get(rank));
    }

    public int nnodes() {
        return nodes.size();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The ranks, as {@code flux R decode --ranks} prints them. */
    public IdSet ranks() {
        IdSet ids = new IdSet();
        nodes.keySet().forEach(ids::set);
        return ids;
    }

    /** Hostnames in rank order; empty when some node has no hostname. */
    public Optional<List<String>> hostnames() {
        List<String> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.hostname() == null) {
                return Optional.empty();
            }
            out.add(n.hostname());
        }
        return Optional.of(out);
    }

    /** The nodelist in rank order; empty when some node has no hostname. */
    public Optional<Hostlist> nodelist() {
        return hostnames().map(ResourceSet::hostlist);
    }

    static Hostlist hostlist(List<String> hosts) {
        Hostlist hl = new Hostlist();
        for (String h : hosts) {
            try {
                hl.append(h);
            } catch (FormatException e) {
                throw new IllegalStateException("R: hostname '" + h + "' is not a hostlist", e);
            }
        }
        return hl;
    }

    /** The number of child resources named {@code type} ("core", "gpu", ...). */
    public long count(String type) {
        long n = 0;
        for (Node node : nodes.values()) {
            IdSet ids = node.children().get(type);
            if (ids != null) {
                n += ids.count();
            }
        }
        return n;
    }

    public double starttime() {
        return starttime;
    }

    public double expiration() {
        return expiration;
    }

    public int nslots() {
        return nslots;
    }

    /** The opaque scheduling key, if present. */
    public Optional<JsonNode> scheduling() {
        return Optional.ofNullable(scheduling).map(JsonNode::deepCopy);
    }

    public ResourceSet withScheduling(JsonNode sched) {
        return new ResourceSet(nodes, starttime, expiration, nslots, sched);
    }

    public ResourceSet withTimes(double start, double end) {
        return new ResourceSet(nodes, start, end, nslots, scheduling);
    }

    /** Property name to the ranks that have it, names sorted. */
    public Map<String, IdSet> properties() {
        TreeMap<String, IdSet> out = new TreeMap<>();
        for (Node n : nodes.values()) {
            for (String p : n.properties()) {
                out.computeIfAbsent(p, k -> new IdSet()).set(n.rank());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- set algebra

    /**
     * rlist_append: adds every node of {@code other}, merging children of a rank present in
     * both; fails if a resource is in both. The scheduling key is this set's, else other's.
     */
    public ResourceSet append(ResourceSet other) throws FormatException {
        TreeMap<Integer, Node> map = new TreeMap<>(nodes);
        for (Node n : other.nodes.values()) {
            Node found = map.get(n.rank());
            map.put(n.rank(), found == null ? n : merge(found, n, "append"));
        }
        return withNodes(map, scheduling != null ? scheduling : other.scheduling);
    }

    /** Set difference: this minus {@code other}, rank by rank, child by child. */
    public ResourceSet diff(ResourceSet other) {
        TreeMap<Integer, Node> map = new TreeMap<>(nodes);
        for (Node b : other.nodes.values()) {
            Node a = map.remove(b.rank());
            if (a == null) {
                continue;
            }
            Map<String, IdSet> c = new LinkedHashMap<>(a.children());
            for (Map.Entry<String, IdSet> e : b.children().entrySet()) {
                IdSet have = c.get(e.getKey());
                if (have != null) {
                    c.put(e.getKey(), have.difference(e.getValue()));
                }
            }
            Node result = a.withChildren(c);
            if (result.total() > 0) {
                map.put(result.rank(), result);
            }
        }
        return withNodes(map, scheduling);
    }

    /** Set union: (this − other) appended with other. */
    public ResourceSet union(ResourceSet other) {
        try {
            return diff(other).append(other);
        } catch (FormatException e) {
            throw new IllegalStateException("disjoint append failed", e);
        }
    }

    /**
     * Set intersection, rank by rank; a rank whose hostnames differ in the two sets is not
     * common. Like flux-core, the result carries no properties; it keeps this set's scheduling
     * key unless empty.
     */
    public ResourceSet intersect(ResourceSet other) {
        TreeMap<Integer, Node> map = new TreeMap<>();
        for (Node b : other.nodes.values()) {
            Node a = nodes.get(b.rank());
            if (a == null || (a.hostname() != null && b.hostname() != null && !a.hostname().equals(b.hostname()))) {
                continue;
            }
            Map<String, IdSet> c = new LinkedHashMap<>();
            for (Map.Entry<String, IdSet> e : a.children().entrySet()) {
                IdSet theirs = b.children().get(e.getKey());
                if (theirs != null) {
                    c.put(e.getKey(), e.getValue().intersect(theirs));
                }
            }
            Node n = new Node(a.rank(), a.hostname(), c, Set.of());
            if (n.total() > 0) {
                map.put(n.rank(), n);
            }
        }
        return withNodes(map, map.isEmpty() ? null : scheduling);
    }

    /** The nodes whose rank is in {@code ranks}. */
    public ResourceSet copyRanks(IdSet ranks) {
        TreeMap<Integer, Node> map = new TreeMap<>();
        for (Node n : nodes.values()) {
            if (ranks.contains(n.rank())) {
                map.put(n.rank(), n);
            }
        }
        return withNodes(map, map.isEmpty() ? null : scheduling);
    }

    /** All but the nodes whose rank is in {@code ranks}. */
    public ResourceSet removeRanks(IdSet ranks) {
        TreeMap<Integer, Node> map = new TreeMap<>(nodes);
        map.keySet().removeIf(ranks::contains);
        return withNodes(map, scheduling);
    }

    /**
     * The nodes matching every property in {@code constraint}: a name matches a node having
     * that property or hostname; {@code ^name} matches a node without it.
     */
    public ResourceSet copyProperties(List<String> constraint) throws FormatException {
        for (String p : constraint) {
            for (char c : p.toCharArray()) {
                if ("!&'\"`|()".indexOf(c) >= 0) {
                    throw new FormatException("invalid character '" + c + "' in property \"" + p + "\"");
                }
            }
        }
        TreeMap<Integer, Node> map = new TreeMap<>();
        for (Node n : nodes.values()) {
            boolean all = true;
            for (String p : constraint) {
                boolean negate = p.startsWith("^");
                String name = negate ? p.substring(1) : p;
                boolean has = n.properties().contains(name) || name.equals(n.hostname());
                if (has == negate) {
                    all = false;
                    break;
                }
            }
            if (all) {
                map.put(n.rank(), n);
            }
        }
        return withNodes(map, map.isEmpty() ? null : scheduling);
    }

    /** Ranks renumbered from 0 in order; every child but "gpu" renumbered from 0 too. */
    public ResourceSet remap() {
        TreeMap<Integer, Node> map = new TreeMap<>();
        int rank = 0;
        for (Node n : nodes.values()) {
            Map<String, IdSet> c = new LinkedHashMap<>();
            n.children().forEach((k, v) -> c.put(k, k.equals("gpu") ? v : (v.isEmpty() ? new IdSet() : IdSet.range(0, (int) v.count() - 1))));
            map.put(rank, new Node(rank, n.hostname(), c, n.properties()));
            rank++;
        }
        return withNodes(map, scheduling);
    }

    /** Ranks reassigned by each host's index in {@code hosts}, which must name every node once. */
    public ResourceSet rerank(Hostlist hostlist) throws FormatException {
        List<String> hosts = hostlist.expand();
        if (hosts.size() > nodes.size()) {
            throw new FormatException("Number of hosts (" + hosts.size() + ") is greater than node count ("
                    + nodes.size() + ")");
        }
        if (hosts.size() < nodes.size()) {
            throw new FormatException("Number of hosts (" + hosts.size() + ") is less than node count ("
                    + nodes.size() + ")");
        }
        TreeMap<Integer, Node> map = new TreeMap<>();
        Set<Integer> used = new HashSet<>();
        int rank = 0;
        for (String host : hosts) {
            Node found = null;
            for (Node n : nodes.values()) {
                if (host.equals(n.hostname()) && !used.contains(n.rank())) {
                    found = n;
                    break;
                }
            }
            if (found == null) {
                throw new FormatException("Host " + host + " not found in resources");
            }
            used.add(found.rank());
            map.put(rank, found.withRank(rank));
            rank++;
        }
        return withNodes(map, scheduling);
    }

    /** A copy with each node's hostname taken from {@code hosts} in rank order. */
    public ResourceSet withHostnames(Hostlist hostlist) throws FormatException {
        List<String> hosts = hostlist.expand();
        if (hosts.size() != nodes.size()) {
            throw new FormatException("R: " + hosts.size() + " hosts for " + nodes.size() + " ranks");
        }
        TreeMap<Integer, Node> map = new TreeMap<>();
        Iterator<String> h = hosts.iterator();
        for (Node n : nodes.values()) {
            map.put(n.rank(), n.withHostname(h.next()));
        }
        return withNodes(map, scheduling);
    }

    /**
     * Adds properties from a JSON object of name to rank idset string, validated first as
     * flux-core's rlist_assign_properties does; messages are flux-core's.
     */
    public ResourceSet withProperties(JsonNode properties) throws FormatException {
        if (!properties.isObject()) {
            throw new FormatException("properties must be an object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            if (!e.getValue().isTextual()) {
                throw new FormatException("properties value '" + JanssonText.compact(e.getValue()) + "' not a string");
            }
            m.put(e.getKey(), e.getValue().textValue());
        }
        return withProperties(m);
    }

    /** Adds properties: name to the idset of ranks that get it. */
    public ResourceSet withProperties(Map<String, String> properties) throws FormatException {
        Map<String, IdSet> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String name = e.getKey();
            for (char c : name.toCharArray()) {
                if (PROPERTY_INVALID.indexOf(c) >= 0) {
                    throw new FormatException("invalid character '" + c + "' in property \"" + name + "\"");
                }
            }
            try {
                parsed.put(name, IdSet.decode(e.getValue()));
            } catch (FormatException x) {
                throw new FormatException("invalid idset '" + e.getValue() + "' specified for property \"" + name + "\"");
            }
        }
        TreeMap<Integer, Node> map = new TreeMap<>(nodes);
        for (Map.Entry<String, IdSet> e : parsed.entrySet()) {
            IdSet unknown = e.getValue().difference(ranks());
            if (!unknown.isEmpty()) {
                throw new FormatException((unknown.count() == 1 ? "rank " : "ranks ") + unknown.encode(IdSet.Flag.RANGE)
                        + " not found in target resource list");
            }
            for (int r : e.getValue()) {
                Node n = map.get(r);
                Set<String> p = new TreeSet<>(n.properties());
                p.add(e.getKey());
                map.put(r, n.withProperties(p));
            }
        }
        return withNodes(map, scheduling);
    }

    // ---------------------------------------------------------------- verify

    /** What {@link #verify} found. */
    public enum Verdict { OK, EXTRA, FAILED }

    /** A verification verdict and flux-core's message for it (empty when OK). */
    public record Verification(Verdict verdict, String message) {
    }

    /**
     * rlist_verify: {@code actual} must be a single rank present here with the same hostname
     * and at least this set's resources on that rank; more is reported as EXTRA.
     */
    public Verification verify(ResourceSet actual) {
        if (actual.nnodes() != 1) {
            return new Verification(Verdict.FAILED, "Verification supported on single rank only");
        }
        Node n = actual.nodes.firstEntry().getValue();
        Node exp = nodes.get(n.rank());
        if (exp == null) {
            return new Verification(Verdict.FAILED, "rank " + n.rank() + " not found in expected ranks");
        }
        if (n.hostname() != null && exp.hostname() != null && !n.hostname().equals(exp.hostname())) {
            return new Verification(Verdict.FAILED, "rank " + n.rank() + " got hostname '" + n.hostname()
                    + "', expected '" + exp.hostname() + "'");
        }
        String host = n.hostname() != null ? n.hostname() : "unknown";
        Node missing = nodeDiff(exp, n);
        if (missing.total() > 0) {
            return new Verification(Verdict.FAILED, "rank " + n.rank() + " (" + host + ") missing resources: "
                    + childDumps(missing));
        }
        Node extra = nodeDiff(n, exp);
        if (extra.total() > 0) {
            return new Verification(Verdict.EXTRA, "rank " + n.rank() + " (" + host + ") has extra resources: "
                    + childDumps(extra));
        }
        return new Verification(Verdict.OK, "");
    }

    private static Node nodeDiff(Node a, Node b) {
        Map<String, IdSet> c = new LinkedHashMap<>(a.children());
        b.children().forEach((k, v) -> {
            IdSet have = c.get(k);
            if (have != null) {
                c.put(k, have.difference(v));
            }
        });
        return a.withChildren(c);
    }

    // ---------------------------------------------------------------- output

    private static String childDumps(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, IdSet> e : n.children().entrySet()) {
            if (!e.getValue().isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(e.getKey()).append(e.getValue().encode(IdSet.Flag.RANGE, IdSet.Flag.BRACKETS));
            }
        }
        return sb.toString();
    }

    /** Nodes grouped by identical children, groups in order of their lowest rank. */
    private List<Map.Entry<IdSet, Node>> groups() {
        List<Map.Entry<IdSet, Node>> out = new ArrayList<>();
        Map<Map<String, IdSet>, IdSet> index = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            IdSet ranks = index.get(n.children());
            if (ranks == null) {
                ranks = new IdSet();
                index.put(n.children(), ranks);
                out.add(Map.entry(ranks, n));
            }
            ranks.set(n.rank());
        }
        return out;
    }

    /** The short form {@code flux R decode --short} prints, e.g. {@code rank[0-3]/core[0-1],gpu0}. */
    public String dumps() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<IdSet, Node> g : groups()) {
            if (g.getValue().total() == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("rank").append(g.getKey().encode(IdSet.Flag.RANGE, IdSet.Flag.BRACKETS)).append('/').append(childDumps(g.getValue()));
        }
        return sb.toString();
    }

    /** R as a JSON tree, R_lite compressed as flux-core compresses it. */
    public ObjectNode toJson() {
        ObjectNode r = Json.object();
        r.put("version", 1);
        ObjectNode exec = r.putObject("execution");
        ArrayNode rlite = exec.putArray("R_lite");
        for (Map.Entry<IdSet, Node> g : groups()) {
            if (g.getValue().total() == 0) {
                continue;
            }
            ObjectNode entry = rlite.addObject();
            entry.put("rank", g.getKey().encode(IdSet.Flag.RANGE));
            ObjectNode children = entry.putObject("children");
            g.getValue().children().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    children.put(k, v.encode(IdSet.Flag.RANGE));
                }
            });
        }
        if (nslots > 0) {
            exec.put("nslots", nslots);
        }
        exec.put("starttime", starttime);
        exec.put("expiration", expiration);
        nodelist().ifPresent(hl -> exec.putArray("nodelist").add(hl.encode()));
        Map<String, IdSet> props = properties();
        if (!props.isEmpty()) {
            ObjectNode p = exec.putObject("properties");
            props.forEach((k, v) -> p.put(k, v.encode(IdSet.Flag.RANGE)));
        }
        if (scheduling != null) {
            r.set("scheduling", scheduling.deepCopy());
        }
        return r;
    }

    /** R as text, byte for byte as flux-core's rlist_encode (jansson, non-compact). */
    public String encode() {
        return JanssonText.dumps(toJson());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceSet r && r.nodes.equals(nodes) && r.starttime == starttime
                && r.expiration == expiration && r.nslots == nslots
                && Objects.equals(r.scheduling, scheduling);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return dumps();
    }
}
