package org.fluxj.formats.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.size.Sizes;

/**
 * One table of a configuration, read as flux-core's modules read theirs with
 * {@code flux_conf_unpack (conf, "{s?{s?s s?b ... !}}", ...)}: the table and each key are
 * optional, a key present must have the right type, and (with {@link #allowOnly}) a key the
 * reader does not know is refused. Every refusal is a {@link ConfigKeyException} naming the key.
 */
public final class ConfigTable {
    private final String name;
    private final JsonNode table;

    private ConfigTable(String name, JsonNode table) {
        this.name = name;
        this.table = table;
    }

    /** Table {@code name} of {@code config}; an empty one if absent. */
    public static ConfigTable of(JsonNode config, String name) throws ConfigKeyException {
        JsonNode t = config == null ? MissingNode.getInstance() : config.path(name);
        if (!t.isMissingNode() && !t.isObject()) {
            throw new ConfigKeyException(name, "must be a table");
        }
        return new ConfigTable(name, t);
    }

    /** Sub-table {@code key} of this one ({@code [ingest.validator]}); an empty one if absent. */
    public ConfigTable table(String key) throws ConfigKeyException {
        JsonNode t = table.path(key);
        if (!t.isMissingNode() && !t.isObject()) {
            throw new ConfigKeyException(key(key), "must be a table");
        }
        return new ConfigTable(key(key), t);
    }

    /** An array of strings, or null if absent. */
    public List<String> strings(String key) throws ConfigKeyException {
        JsonNode v = table.path(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (!v.isArray()) {
            throw new ConfigKeyException(key(key), "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new ConfigKeyException(key(key), "must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** Whether the configuration has this table. */
    public boolean present() {
        return !table.isMissingNode();
    }

    /** Whether the table has this key. */
    public boolean has(String key) {
        return table.has(key);
    }

    /** The dotted name of one of this table's keys. */
    public String key(String key) {
        return name + "." + key;
    }

    /** Refuses any key but these. */
    public ConfigTable allowOnly(String... keys) throws ConfigKeyException {
        List<String> known = List.of(keys);
        for (Iterator<String> it = table.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new ConfigKeyException(key(k), "unknown key");
            }
        }
        return this;
    }

    /** Refuses {@code key} if present: a key of flux-core's that is not supported here. */
    public void unsupported(String key) throws ConfigKeyException {
        if (table.has(key)) {
            throw new ConfigKeyException(key(key), "not supported");
        }
    }

    /** A string, or null if absent. */
    public String string(String key) throws ConfigKeyException {
        JsonNode v = table.path(key);
        if (v.isMissingNode()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ConfigKeyException(key(key), "must be a string");
        }
        return v.asText();
    }

    /** A boolean, or {@code dflt} if absent. */
    public boolean bool(String key, boolean dflt) throws ConfigKeyException {
        JsonNode v = table.path(key);
        if (v.isMissingNode()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ConfigKeyException(key(key), "must be a boolean");
        }
        return v.asBoolean();
    }

    /** An integer in [{@code min}, {@code max}], or {@code dflt} if absent. */
    public long integer(String key, long dflt, long min, long max) throws ConfigKeyException {
        JsonNode v = table.path(key);
        if (v.isMissingNode()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ConfigKeyException(key(key), "must be an integer");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new ConfigKeyException(key(key), max == Long.MAX_VALUE ? "must be at least " + min
                    : "must be in the range of " + min + "-" + max);
        }
        return n;
    }

    /**
     * A size in bytes in [{@code min}, {@code max}]: an integer, or a string with flux-core's
     * parse_size suffixes ("64M"); {@code dflt} if absent.
     */
    public long size(String key, long dflt, long min, long max) throws ConfigKeyException {
        JsonNode v = table.path(key);
        if (v.isMissingNode()) {
            return dflt;
        }
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual()) {
            try {
                n = Sizes.parse(v.textValue());
            } catch (FormatException e) {
                throw new ConfigKeyException(key(key), e.getMessage());
            }
        } else {
            throw new ConfigKeyException(key(key), "must be a size (an integer or a string such as \"64M\")");
        }
        if (n < min || n > max) {
            throw new ConfigKeyException(key(key), "must be in the range of " + min + "-" + max);
        }
        return n;
    }

    /**
     * A Flux Standard Duration string (RFC 23) in seconds, or {@code dflt} if absent; a bad one
     * is refused with {@code invalid} (flux-core's words for it) and the value.
     */
    public double duration(String key, double dflt, String invalid) throws ConfigKeyException {
        String s = string(key);
        if (s == null) {
            return dflt;
        }
        try {
            return Fsd.parse(s);
        } catch (FormatException e) {
            throw new ConfigKeyException(key(key), invalid + ": " + FormatException.printable(s));
        }
    }
}
