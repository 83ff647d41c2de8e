package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;

/**
 * A jobspec (RFC 14), by default held to version 1 (RFC 25) as Flux accepts it. Instances
 * read by the {@code parse} methods are valid; those made by {@link JobspecBuilder} hold
 * exactly what flux-core's submission commands would build, which {@link #validate()} checks.
 * Immutable: every accessor hands out copies.
 */
public final class Jobspec {
    private final ObjectNode doc;

    Jobspec(ObjectNode doc) {
        this.doc = doc;
    }

    /** Reads a version 1 jobspec, JSON or YAML (JSON when the text starts with '{'). */
    public static Jobspec parse(String text) throws FormatException {
        return of(Documents.read(text));
    }

    /** Reads a version 1 jobspec from JSON text. */
    public static Jobspec parseJson(String text) throws FormatException {
        return of(Documents.json(text));
    }

    /** Reads a version 1 jobspec from YAML text. */
    public static Jobspec parseYaml(String text) throws FormatException {
        return of(Documents.yaml(text));
    }

    /**
     * Reads a canonical jobspec of any version, JSON or YAML, held to RFC 14 only (counts may
     * be ranges, more resources and tasks are allowed); version 1 rules are not applied.
     */
    public static Jobspec parseCanonical(String text) throws FormatException {
        JsonNode node = Documents.read(text);
        Validator.validate(node, false);
        return new Jobspec(((ObjectNode) node).deepCopy());
    }

    /** A version 1 jobspec from a JSON tree, which is copied. */
    public static Jobspec of(JsonNode node) throws FormatException {
        if (node == null) {
            throw new FormatException("jobspec: no document (null)");
        }
        Validator.validate(node, true);
        return new Jobspec(((ObjectNode) node).deepCopy());
    }

    /** Checks a JSON tree against RFC 14 and RFC 25 without keeping it. */
    public static void validate(JsonNode node) throws FormatException {
        if (node == null) {
            throw new FormatException("jobspec: no document (null)");
        }
        Validator.validate(node, true);
    }

    /** Checks this jobspec against RFC 14 and RFC 25; returns it for chaining. */
    public Jobspec validate() throws FormatException {
        Validator.validate(doc, true);
        return this;
    }

    /** The {@code version} value (1 for version 1 jobspec). */
    public int version() {
        return doc.path("version").asInt();
    }

    /** {@code attributes.system.duration} in seconds; 0 (unlimited) when absent. */
    public double duration() {
        return doc.path("attributes").path("system").path("duration").asDouble(0);
    }

    /** The command of the first task. */
    public List<String> command() {
        List<String> argv = new ArrayList<>();
        for (JsonNode a : doc.path("tasks").path(0).path("command")) {
            argv.add(a.asText());
        }
        return argv;
    }

    /**
     * An attribute by dotted key as flux-core's {@code Jobspec.getattr} takes it: a key not
     * starting with {@code attributes.}, {@code user.} or {@code system.} is under
     * {@code attributes.system}.
     */
    public Optional<JsonNode> attribute(String key) {
        JsonNode node = doc;
        for (String part : Tree.attributePath(key).split("\\.", -1)) {
            node = node.get(part);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(node.deepCopy());
    }

    /** A copy of the whole document. */
    public ObjectNode toJsonNode() {
        return doc.deepCopy();
    }

    /** Compact JSON, as flux-core's C library encodes it. */
    public String toJson() {
        return Json.encode(doc);
    }

    /**
     * JSON as flux-core's Python {@code Jobspec.dumps()} writes it, which is what
     * {@code flux submit --dry-run} prints: keys in their order, {@code ", "} and
     * {@code ": "} separators, non-ASCII characters unescaped, floats as Python shows them.
     */
    public String dumps() {
        return Py.dumps(doc);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** The same document: equal JSON text, keys in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Jobspec j && j.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
