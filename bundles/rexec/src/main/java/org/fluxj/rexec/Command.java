package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;

/**
 * An RFC 42 command object: {@code cmdline}, {@code env}, {@code opts}, {@code channels} (all
 * required), {@code cwd}, {@code label}, {@code msgchan} (optional), read as flux-core's
 * {@code cmd_fromjson} reads it. Immutable.
 */
final class Command {
    private final List<String> cmdline;
    private final Map<String, String> env;
    private final Map<String, String> opts;
    private final List<String> channels;
    private final String cwd;
    private final String label;
    private final JsonNode msgchan;

    private Command(List<String> cmdline, Map<String, String> env, Map<String, String> opts,
            List<String> channels, String cwd, String label, JsonNode msgchan) {
        this.cmdline = List.copyOf(cmdline);
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        this.opts = Collections.unmodifiableMap(new LinkedHashMap<>(opts));
        this.channels = List.copyOf(channels);
        this.cwd = cwd;
        this.label = label;
        this.msgchan = msgchan;
    }

    /** Parses a command object; anything malformed is EPROTO "error parsing command string". */
    static Command fromJson(JsonNode o) throws RexecException {
        if (o == null || !o.isObject()) {
            throw parseError();
        }
        String label = optString(o, "label");
        if (label != null && label.isEmpty()) {
            throw parseError();
        }
        JsonNode msgchan = o.get("msgchan");
        if (msgchan != null && !msgchan.isArray()) {
            throw parseError();
        }
        return new Command(strings(o.get("cmdline")), stringMap(o.get("env")), stringMap(o.get("opts")),
                strings(o.get("channels")), optString(o, "cwd"), label, msgchan);
    }

    /** The object form ({@code cmd_tojson}), as an {@code attached} response carries it. */
    ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (cwd != null) {
            o.put("cwd", cwd);
        }
        if (label != null) {
            o.put("label", label);
        }
        ArrayNode a = o.putArray("cmdline");
        cmdline.forEach(a::add);
        ObjectNode e = o.putObject("env");
        env.forEach(e::put);
        ObjectNode op = o.putObject("opts");
        opts.forEach(op::put);
        ArrayNode ch = o.putArray("channels");
        channels.forEach(ch::add);
        o.set("msgchan", msgchan != null ? msgchan.deepCopy() : Json.array());
        return o;
    }

    List<String> cmdline() {
        return cmdline;
    }

    /** The environment; empty means "the server's own". */
    Map<String, String> env() {
        return env;
    }

    String opt(String name) {
        return opts.get(name);
    }

    List<String> channels() {
        return channels;
    }

    boolean hasMsgchans() {
        return msgchan != null && msgchan.size() > 0;
    }

    String cwd() {
        return cwd;
    }

    String label() {
        return label;
    }

    /** The name {@code list} shows: argv[0], or "flux SUBCOMMAND", cut to 63 characters. */
    String listName() {
        String name = cmdline.get(0);
        if (name.equals("flux") && cmdline.size() > 1) {
            name = name + " " + cmdline.get(1);
            if (name.length() > 63) {
                name = name.substring(0, 63);
            }
        }
        return name;
    }

    private static String optString(JsonNode o, String key) throws RexecException {
        JsonNode v = o.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw parseError();
        }
        return v.textValue();
    }

    private static List<String> strings(JsonNode a) throws RexecException {
        if (a == null || !a.isArray()) {
            throw parseError();
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonNode v : a) {
            if (!v.isTextual()) {
                throw parseError();
            }
            out.add(v.textValue());
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode o) throws RexecException {
        if (o == null || !o.isObject()) {
            throw parseError();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw parseError();
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static RexecException parseError() {
        return new RexecException(Errno.EPROTO, "error parsing command string");
    }
}
