package org.fluxj.overlay.boot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;

/**
 * The {@code [bootstrap]} table, parsed and checked as flux-core's conf_bootstrap.c: host
 * entries are hostlists, expanded in order; a host named again merges the keys it did not
 * have yet (so a later entry can give a subset of hosts a {@code parent}); {@code bind} and
 * {@code connect} default to {@code default_bind} and {@code default_connect}, with
 * {@code %h} (the host), {@code %p} ({@code default_port}) and {@code %%} substituted. A
 * missing or empty {@code hosts} array means a singleton of this host. Errors are one line:
 * {@code FILE: Config file error [bootstrap]: ...}.
 */
public final class BootstrapConfig {
    /** Longest URI after substitution (flux-core MAX_URI). */
    public static final int MAX_URI = 2048;
    private static final Set<String> TABLE_KEYS =
            Set.of("hosts", "curve_cert", "default_port", "default_bind", "default_connect", "enable_ipv6");
    private static final Set<String> ENTRY_KEYS = Set.of("host", "bind", "connect", "parent");

    private final List<HostEntry> hosts;
    private final String curveCert;
    private final boolean enableIpv6;

    private BootstrapConfig(List<HostEntry> hosts, String curveCert, boolean enableIpv6) {
        this.hosts = List.copyOf(hosts);
        this.curveCert = curveCert;
        this.enableIpv6 = enableIpv6;
    }

    /**
     * Parses the {@code [bootstrap]} table of {@code config} (the whole configuration as
     * JSON) for the broker on {@code hostname}. Empty if there is no such table.
     *
     * @param source where the configuration came from, for messages (a file or directory)
     */
    public static Optional<BootstrapConfig> parse(JsonNode config, String hostname, String source)
            throws BootException {
        JsonNode table = config == null ? null : config.get("bootstrap");
        if (table == null) {
            return Optional.empty();
        }
        String prefix = (source == null ? "" : source + ": ") + "Config file error [bootstrap]: ";
        try {
            return Optional.of(parseTable(table, hostname));
        } catch (FormatException e) {
            throw new BootException(prefix + e.getMessage());
        }
    }

    private static BootstrapConfig parseTable(JsonNode t, String hostname) throws FormatException {
        if (!t.isObject()) {
            throw new FormatException("must be a table");
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!TABLE_KEYS.contains(k)) {
                throw new FormatException("unknown key '" + k + "'");
            }
        }
        String curveCert = string(t, "curve_cert", "curve_cert");
        String defaultBind = string(t, "default_bind", "default_bind");
        String defaultConnect = string(t, "default_connect", "default_connect");
        int port = -1;
        JsonNode p = t.get("default_port");
        if (p != null) {
            if (!p.isIntegralNumber()) {
                throw new FormatException("default_port must be an integer");
            }
            if (!p.canConvertToInt() || p.asInt() < 0 || p.asInt() > 65535) {
                throw new FormatException("default_port must be in the range of 0-65535");
            }
            port = p.asInt();
        }
        boolean ipv6 = false;
        JsonNode v6 = t.get("enable_ipv6");
        if (v6 != null) {
            if (!v6.isBoolean()) {
                throw new FormatException("enable_ipv6 must be a boolean");
            }
            ipv6 = v6.asBoolean();
        }
        List<HostEntry> hosts = parseHosts(t.get("hosts"), hostname, defaultBind, defaultConnect, port);
        if (hosts.size() > 1 && curveCert == null) {
            throw new FormatException("curve_cert must be defined for size > 1");
        }
        return new BootstrapConfig(hosts, curveCert, ipv6);
    }

    private static String string(JsonNode t, String key, String what) throws FormatException {
        JsonNode v = t.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatException(what + " must be a string");
        }
        return v.asText();
    }

    private static List<HostEntry> parseHosts(JsonNode hosts, String hostname, String defaultBind,
            String defaultConnect, int port) throws FormatException {
        if (hosts != null && !hosts.isArray()) {
            throw new FormatException("hosts must be an array");
        }
        if (hosts == null || hosts.isEmpty()) {
            return List.of(new HostEntry(hostname, null, null, null));
        }
        // First pass: expand hostlists, merging repeated hosts' missing keys, in order.
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            JsonNode entry = hosts.get(i);
            String at = "invalid hosts[" + i + "]: ";
            if (!entry.isObject()) {
                throw new FormatException(at + "must be a table");
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!ENTRY_KEYS.contains(f.getKey())) {
                    throw new FormatException(at + "unknown key '" + f.getKey() + "'");
                }
                if (!f.getValue().isTextual()) {
                    throw new FormatException(at + f.getKey() + " must be a string");
                }
                keys.put(f.getKey(), f.getValue().asText());
            }
            if (!keys.containsKey("host")) {
                throw new FormatException(at + "host key is missing");
            }
            Hostlist hl;
            try {
                hl = Hostlist.decode(keys.get("host"));
            } catch (FormatException e) {
                throw new FormatException(at + "host key is not a valid RFC 29 hostlist");
            }
            if (hl.isEmpty()) {
                throw new FormatException(at + "host key is not a valid RFC 29 hostlist");
            }
            for (String h : hl) {
                Map<String, String> have = merged.computeIfAbsent(h, k -> new LinkedHashMap<>());
                for (Map.Entry<String, String> k : keys.entrySet()) {
                    have.putIfAbsent(k.getKey(), k.getKey().equals("host") ? h : k.getValue());
                }
            }
        }
        // Second pass: defaults, substitution and checks.
        List<HostEntry> out = new ArrayList<>();
        int index = 0;
        for (Map<String, String> e : merged.values()) {
            String at = "invalid hosts[" + index++ + "]: ";
            String host = e.get("host");
            String parent = e.get("parent");
            if (parent != null) {
                if (parent.equals(host)) {
                    throw new FormatException(at + "parent key refers to self");
                }
                if (!merged.containsKey(parent)) {
                    throw new FormatException(at + "parent key refers to unknown host");
                }
            }
            String bad = domainNameError(host);
            if (bad != null) {
                throw new FormatException(at + host + " " + bad);
            }
            String bind = uri(e.getOrDefault("bind", defaultBind), host, port, "bind", at);
            String connect = uri(e.getOrDefault("connect", defaultConnect), host, port, "connect", at);
            out.add(new HostEntry(host, bind, connect, parent));
        }
        if (!merged.containsKey(hostname)) {
            throw new FormatException(hostname + " not found in hosts");
        }
        return out;
    }

    private static String uri(String template, String host, int port, String key, String at)
            throws FormatException {
        if (template == null) {
            return null;
        }
        String uri = formatUri(template, host, port);
        if (uri.length() > MAX_URI) {
            throw new FormatException(at + key + " key is too long");
        }
        String bad = zmqUriError(uri);
        if (bad != null) {
            throw new FormatException(at + key + " key " + bad);
        }
        return uri;
    }

    /**
     * Substitutes {@code %h} (host, left as is when host is null), {@code %p} (port) and
     * {@code %%} in {@code fmt}; other {@code %} sequences pass through.
     */
    public static String formatUri(String fmt, String host, int port) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 == fmt.length()) {
                if (c != '%') {
                    sb.append(c);
                }
                continue;
            }
            char t = fmt.charAt(++i);
            switch (t) {
                case 'h' -> sb.append(host != null ? host : "%h");
                case 'p' -> sb.append(port);
                case '%' -> sb.append('%');
                default -> sb.append('%').append(t);
            }
        }
        return sb.toString();
    }

    /** Why {@code host} is not an RFC 1035 domain name, or null if it is one. */
    public static String domainNameError(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return "domain must be 1-253 characters";
        }
        for (String label : host.split("\\.")) {
            if (label.isEmpty()) {
                continue; // as strtok, empty labels are skipped
            }
            if (label.length() > 63) {
                return "must be 1-63 characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "domain label must not start or end with '-'";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-') {
                    return String.format("domain label contains invalid character '%c' (0x%x)", c, (int) c);
                }
            }
        }
        return null;
    }

    /** Why {@code uri} cannot be a 0MQ endpoint of the overlay, or null if it can. */
    public static String zmqUriError(String uri) {
        if (!uri.contains("://")) {
            return uri + " has no URI scheme";
        }
        if (uri.contains(":*")) {
            return uri + " contains 0MQ port wildcard";
        }
        if (uri.startsWith("ipc://")) {
            if (uri.length() == 6) {
                return uri + " socket path is empty";
            }
            if (uri.length() - 6 > 108) {
                return uri + " socket path must not exceed 108 bytes";
            }
        } else if (uri.startsWith("tcp://")) {
            if (uri.length() == 6) {
                return uri + " address is empty";
            }
        } else {
            return uri + " URI scheme must be tcp or ipc";
        }
        return null;
    }

    /** The expanded hosts, in rank order. */
    public List<HostEntry> hosts() {
        return hosts;
    }

    /** The instance size: the number of hosts. */
    public int size() {
        return hosts.size();
    }

    /** The rank of {@code host}, or -1. */
    public int rankOf(String host) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).host().equals(host)) {
                return i;
            }
        }
        return -1;
    }

    /** The path of the shared CURVE certificate, or null (allowed for a singleton only). */
    public String curveCert() {
        return curveCert;
    }

    public boolean enableIpv6() {
        return enableIpv6;
    }
}
