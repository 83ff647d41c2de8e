package org.fluxj.rexec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;

/** The payloads of the server's responses (RFC 42), keys in flux-core's order. */
final class Replies {
    private Replies() {
    }

    static ObjectNode started(int pid) {
        ObjectNode o = Json.object();
        o.put("type", "started");
        o.put("pid", pid);
        return o;
    }

    static ObjectNode output(int pid, ObjectNode io) {
        ObjectNode o = Json.object();
        o.put("type", "output");
        o.put("pid", pid);
        o.set("io", io);
        return o;
    }

    static ObjectNode finished(int status) {
        ObjectNode o = Json.object();
        o.put("type", "finished");
        o.put("status", status);
        return o;
    }

    static ObjectNode attached(int pid, Command cmd) {
        ObjectNode o = Json.object();
        o.put("type", "attached");
        o.put("pid", pid);
        o.set("cmd", cmd.toJson());
        return o;
    }

    static ObjectNode credit(String stream, int bytes) {
        ObjectNode o = Json.object();
        o.put("type", "add-credit");
        o.putObject("channels").put(stream, bytes);
        return o;
    }

    static ObjectNode waited(Subprocess p, String rank) {
        ObjectNode o = Json.object();
        o.put("status", p.status);
        if (p.retained != null && !p.retained.isEmpty()) {
            o.set("output", p.retained.toJson(rank));
        }
        return o;
    }

    static ObjectNode info(Subprocess p) {
        ObjectNode o = Json.object();
        o.put("pid", p.pid);
        o.put("cmd", p.cmd.listName());
        o.put("label", p.cmd.label() != null ? p.cmd.label() : "");
        o.put("state", p.isActive() ? "R" : "Z");
        return o;
    }
}
