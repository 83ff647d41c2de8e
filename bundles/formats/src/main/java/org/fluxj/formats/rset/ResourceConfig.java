package org.fluxj.formats.rset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.Conf;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.JanssonText;
import org.fluxj.formats.json.Json;

/**
 * The {@code [[resource.config]]} array of the Flux configuration, turned into R as
 * flux-core's {@code rlist_from_config} does: each entry has a {@code hosts} hostlist and
 * optional {@code cores} and {@code gpus} idsets and {@code properties} array; ranks are
 * assigned in the order hosts first appear; a host named again gains the resources; every
 * host must end with some resource. Messages name the source and the entry, e.g.
 * {@code resource.config: r.toml: [[resource.config]][1]: hosts: invalid hostlist 'n[1-'}.
 */
public final class ResourceConfig {
    private static final Set<String> KEYS = Set.of("hosts", "cores", "gpus", "properties");

    private ResourceConfig() {
    }

    /** R from a TOML document's {@code resource.config} array; {@code source} names it in errors. */
    public static ResourceSet fromToml(String toml, String source) throws FormatException {
        ObjectNode conf = Conf.parseToml(toml, source);
        JsonNode resource = conf.get("resource");
        JsonNode config = resource == null ? null : resource.get("config");
        if (config == null) {
            throw new FormatException("resource.config: " + source + ": resource.config is not defined");
        }
        return fromJson(config, source);
    }

    /** R from the {@code resource.config} value as JSON (flux-core converts TOML to JSON first). */
    public static ResourceSet fromJson(JsonNode config, String source) throws FormatException {
        String where = "resource.config: " + source + ": ";
        if (config == null || !config.isArray()) {
            throw new FormatException(where + "resource config must be an array");
        }
        List<String> hostmap = new ArrayList<>();
        Map<String, Integer> rankOf = new LinkedHashMap<>();
        TreeMap<Integer, ResourceSet.Node> nodes = new TreeMap<>();
        for (int i = 0; i < config.size(); i++) {
            String at = where + "[[resource.config]][" + i + "]: ";
            JsonNode entry = config.get(i);
            if (!entry.isObject()) {
                throw new FormatException(at + "expected a table, got " + Json.typeName(entry));
            }
            List<String> unknown = new ArrayList<>();
            entry.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    unknown.add(k);
                }
            });
            if (!unknown.isEmpty()) {
                throw new FormatException(at + "unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
            }
            String hosts = string(entry, "hosts", at, true);
            String cores = string(entry, "cores", at, false);
            String gpus = string(entry, "gpus", at, false);
            JsonNode properties = entry.get("properties");
            if (properties != null && !properties.isArray()) {
                throw new FormatException(at + "properties: must be an array");
            }
            List<String> hl;
            try {
                hl = Hostlist.decode(hosts).expand();
            } catch (FormatException e) {
                throw new FormatException(at + "hosts: invalid hostlist '" + hosts + "'");
            }
            if (hl.isEmpty()) {
                throw new FormatException(at + "hosts: empty hostlist specified");
            }
            IdSet coreids = idset(cores, "cores", at);
            IdSet gpuids = idset(gpus, "gpus", at);
            Set<String> props = new TreeSet<>();
            if (properties != null) {
                for (JsonNode p : properties) {
                    if (!p.isTextual() || invalidProperty(p.textValue())) {
                        throw new FormatException(at + "properties: invalid property " + JanssonText.dumps(p));
                    }
                    props.add(p.textValue());
                }
            }
            for (String host : hl) {
                Integer rank = rankOf.get(host);
                if (rank == null) {
                    rank = hostmap.size();
                    hostmap.add(host);
                    rankOf.put(host, rank);
                }
                Map<String, IdSet> c = new LinkedHashMap<>();
                if (coreids != null) {
                    c.put("core", coreids);
                }
                if (gpuids != null) {
                    c.put("gpu", gpuids);
                }
                ResourceSet.Node n = new ResourceSet.Node(rank, host, c, props);
                ResourceSet.Node found = nodes.get(rank);
                if (found != null) {
                    n = add(found, n, at);
                }
                nodes.put(rank, n);
            }
        }
        if (nodes.isEmpty()) {
            throw new FormatException(where + "no hosts configured");
        }
        List<String> empty = new ArrayList<>();
        for (ResourceSet.Node n : nodes.values()) {
            if (n.total() == 0) {
                empty.add(n.hostname());
            }
        }
        if (!empty.isEmpty()) {
            throw new FormatException(where + ResourceSet.hostlist(empty).encode() + " assigned no resources");
        }
        return ResourceSet.of(new ArrayList<>(nodes.values()));
    }

    private static ResourceSet.Node add(ResourceSet.Node a, ResourceSet.Node b, String at) throws FormatException {
        Map<String, IdSet> c = new LinkedHashMap<>(a.children());
        for (Map.Entry<String, IdSet> e : b.children().entrySet()) {
            IdSet have = c.get(e.getKey());
            if (have != null && have.hasIntersection(e.getValue())) {
                throw new FormatException(at + "host " + a.hostname() + ": " + e.getKey() + " "
                        + have.intersect(e.getValue()).encode(IdSet.Flag.RANGE) + " already configured");
            }
            c.put(e.getKey(), have == null ? e.getValue() : have.union(e.getValue()));
        }
        Set<String> p = new TreeSet<>(a.properties());
        p.addAll(b.properties());
        return new ResourceSet.Node(a.rank(), a.hostname(), c, p);
    }

    private static boolean invalidProperty(String s) {
        for (char c : s.toCharArray()) {
            if (ResourceSet.PROPERTY_INVALID.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String string(JsonNode entry, String key, String at, boolean required) throws FormatException {
        JsonNode v = entry.get(key);
        if (v == null) {
            if (required) {
                throw new FormatException(at + key + ": missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatException(at + key + ": expected string, got " + Json.typeName(v));
        }
        return v.textValue();
    }

    private static IdSet idset(String s, String key, String at) throws FormatException {
        if (s == null) {
            return null;
        }
        try {
            return IdSet.decode(s);
        } catch (FormatException e) {
            throw new FormatException(at + key + ": invalid idset '" + s + "'");
        }
    }
}
