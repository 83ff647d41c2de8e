package org.fluxj.itest.bgmod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleContext;
import org.osgi.service.component.annotations.Component;

/**
 * A module that keeps a background process through the broker's subprocess server, as job
 * execution will keep its job shells' tasks: on start it looks for its label in
 * {@code rexec.list}; if the process is there (the module was reloaded) it attaches to it by
 * label, else it starts it in the background ({@code rexec.exec} without STREAMING) and then
 * attaches. The process prints "tick N" lines; {@code bgmod.info} reports the pid, whether this
 * instance found the process already running, and the lines this instance received. With
 * {@code {"min_lines": N}} the answer waits until this instance has received N lines.
 * The first load argument, if any, is the label (default {@code bgmod-ticker}).
 */
@FluxModule("bgmod")
@Component(service = BrokerModule.class)
public final class BgModule implements BrokerModule {
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final String SCRIPT = "i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.2; done";

    private ModuleContext ctx;
    private String label;
    private int pid;
    private boolean reattached;
    private boolean attached;
    private int lines;
    private String last = "";
    private String error;
    private boolean stopping;
    private final List<Message> waiting = new ArrayList<>();

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        label = ctx.args().isEmpty() ? "bgmod-ticker" : ctx.args().get(0);
        ctx.onRequest("bgmod.info", Roles.USER, this::info);
        ctx.rpc("rexec.list", ctx.rank(), Json.object(), 0).response().whenComplete((m, e) -> {
            if (e != null) {
                fail("rexec.list: " + e.getMessage());
                return;
            }
            for (JsonNode p : payload(m).path("procs")) {
                if (label.equals(p.path("label").asText())) {
                    reattached = true;
                    ctx.log(6, "found %s (pid %d): attaching", label, p.path("pid").asInt());
                    attach();
                    return;
                }
            }
            spawn();
        });
    }

    /** rexec.exec in the background: the process belongs to the server, not to this module. */
    private void spawn() {
        ObjectNode cmd = Json.object();
        var argv = cmd.putArray("cmdline");
        argv.add("sh").add("-c").add(SCRIPT);
        cmd.putObject("env");
        cmd.putObject("opts");
        cmd.putArray("channels");
        cmd.put("label", label);
        ObjectNode o = Json.object();
        o.set("cmd", cmd);
        o.put("flags", 0);
        o.put("local_flags", 0);
        ctx.rpc("rexec.exec", ctx.rank(), o, 0).response().whenComplete((m, e) -> {
            if (e != null) {
                fail("rexec.exec: " + e.getMessage());
                return;
            }
            ctx.log(6, "started %s (pid %d)", label, payload(m).path("pid").asInt());
            attach();
        });
    }

    /** rexec.attach by label: "attached", then its output, until it ends or this module goes. */
    private void attach() {
        ObjectNode o = Json.object();
        o.put("pid", -1);
        o.put("label", label);
        o.put("flags", STDOUT | STDERR);
        ctx.rpc("rexec.attach", ctx.rank(), o, MessageFlags.STREAMING).stream(this::response).whenComplete((v, e) -> {
            attached = false;
            if (e != null) {
                fail("rexec.attach: " + e.getMessage());
            }
        });
    }

    private void response(Message m) {
        JsonNode o = payload(m);
        switch (o.path("type").asText()) {
            case "attached" -> {
                pid = o.path("pid").asInt();
                attached = true;
            }
            case "output" -> {
                String data = o.path("io").path("data").asText("");
                if (!data.isEmpty()) {
                    lines++;
                    last = data.strip();
                    answerWaiting();
                }
            }
            default -> { }
        }
    }

    private void info(Message m) {
        JsonNode req = payload(m);
        if (req.path("min_lines").asInt() > lines && error == null) {
            waiting.add(m);
            return;
        }
        ctx.respond(m, state());
    }

    private void answerWaiting() {
        waiting.removeIf(m -> {
            if (payload(m).path("min_lines").asInt() <= lines) {
                ctx.respond(m, state());
                return true;
            }
            return false;
        });
    }

    private ObjectNode state() {
        ObjectNode o = Json.object();
        o.put("label", label);
        o.put("pid", pid);
        o.put("reattached", reattached);
        o.put("attached", attached);
        o.put("lines", lines);
        o.put("last", last);
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }

    @Override
    public void stop() {
        stopping = true; // the attach stream fails as the module goes: no error
    }

    private void fail(String why) {
        if (stopping) {
            return;
        }
        error = why;
        ctx.log(3, "%s", why);
        waiting.forEach(m -> ctx.respond(m, state()));
        waiting.clear();
    }

    private static JsonNode payload(Message m) {
        try {
            return m.hasPayload() ? m.payloadObject() : Json.object();
        } catch (Exception e) {
            return Json.object();
        }
    }
}
