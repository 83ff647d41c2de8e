package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux exec [OPTIONS] COMMAND...}: runs COMMAND on broker ranks through their subprocess
 * servers (RFC 42 {@code rexec}), as flux-core's src/cmd/flux-exec.c: output copied to stdout and
 * stderr (with {@code -l} as "RANK: line"), stdin broadcast to every task under the servers'
 * credits, SIGINT and SIGTERM forwarded, exit status the largest of the tasks' (128+signal for a
 * signalled one; 126, 127, 68 when a launch fails with EACCES, ENOENT, EHOSTUNREACH). With
 * {@code --bg} the processes are started in the background and their pids printed; with
 * {@code --attach} a running background process is followed. {@link ExecSession} runs the tasks.
 */
@Command(name = "exec", description = "Execute processes across flux ranks.",
        customSynopsis = {"flux exec [OPTIONS] [--rank=IDSET] [--bg] COMMAND...",
            "       flux exec [OPTIONS] [--rank=IDSET] --attach PID|LABEL"})
public final class ExecCommand extends AbstractCommand {

    @Option(names = {"-r", "--rank"}, paramLabel = "IDSET", description = "Specify target ranks.  Default is \"all\"")
    String rank = "all";

    @Option(names = {"-x", "--exclude"}, paramLabel = "IDSET", description = "Exclude ranks from target.")
    String exclude;

    @Option(names = "--bg", description = "Run process in background and exit")
    boolean bg;

    @Option(names = "--waitable", description = "Process remains a zombie until exit status is collected")
    boolean waitable;

    @Option(names = "--attach", description = "Attach to a running background process (arg is pid or label)")
    boolean attach;

    @Option(names = "--label", paramLabel = "LABEL", description = "Set a remote process label.")
    String label;

    @Option(names = {"-d", "--dir"}, paramLabel = "PATH", description = "Set the working directory to PATH")
    String dir;

    @Option(names = {"-l", "--label-io"}, description = "Label lines of output with the source RANK")
    boolean labelIo;

    @Option(names = {"-n", "--noinput"}, description = "Redirect stdin from /dev/null")
    boolean noinput;

    @Option(names = {"-v", "--verbose"}, description = "Run with more verbosity.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Suppress extraneous output.")
    boolean quiet;

    @Option(names = "--service", paramLabel = "NAME", hidden = true, description = "Override service name (default: rexec).")
    String service = "rexec";

    @Option(names = "--setopt", paramLabel = "NAME=VALUE", hidden = true,
            description = "Set subprocess option NAME to VALUE (multiple use ok)")
    List<String> setopt = new ArrayList<>();

    @Option(names = "--stdin-flow", paramLabel = "on|off", hidden = true,
            description = "Forcibly enable or disable stdin flow control")
    String stdinFlow;

    @Option(names = "--with-imp", description = "Run args under 'flux-imp run'")
    boolean withImp;

    @Option(names = {"-j", "--jobid"}, paramLabel = "JOBID",
            description = "Set target ranks to nodes assigned to JOBID (not supported yet)")
    String jobid;

    @Option(names = "--sign", hidden = true, description = "Force signing of request messages")
    boolean sign;

    @Parameters(paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ExecSession.Target target = null;
        if (attach) {
            if (command.isEmpty()) {
                throw fail("--attach requires a pid or label argument");
            }
            if (command.size() != 1) {
                throw fail("--attach takes a single pid or label argument");
            }
            if (bg || waitable) {
                throw fail("--attach cannot be used with --bg or --waitable");
            }
            target = ExecSession.Target.parse(command.get(0));
        } else if (command.isEmpty()) {
            spec.commandLine().usage(err());
            return 1;
        }
        if (!attach && label != null && label.isEmpty()) {
            throw fail("failed to set label: Invalid argument");
        }
        if (waitable && !bg) {
            throw fail("--waitable can only be used with --bg");
        }
        if (sign) {
            throw fail("--sign: request signing needs flux-security, which fluxj does not have");
        }
        if (jobid != null) {
            throw fail("--jobid: not supported yet: fluxj has no job shell exec service");
        }
        boolean flowControl = !service.equals("sdexec");
        if (stdinFlow != null) {
            if (!stdinFlow.equals("on") && !stdinFlow.equals("off")) {
                throw fail("Set --stdin-flow to on or off");
            }
            flowControl = stdinFlow.equals("on");
        }
        ObjectNode cmd = attach ? null : commandObject();
        boolean useImp = false;
        if (!attach) {
            if (withImp) {
                String imp = rpc("Error fetching config object", "config.get", null).path("exec").path("imp")
                        .asText(null);
                if (imp == null) {
                    throw fail("--with-imp: exec.imp path not found in config");
                }
                ArrayNode argv = (ArrayNode) cmd.get("cmdline");
                argv.insert(0, "run");
                argv.insert(0, imp);
                useImp = true;
            } else {
                useImp = command.get(0).equals("flux-imp") || command.get(0).endsWith("/flux-imp");
            }
            // so that systemctl --user works in the owner's systemd instance (flux-core#5901); kept if set
            ObjectNode env = (ObjectNode) cmd.get("env");
            if (!env.has("DBUS_SESSION_BUS_ADDRESS")) {
                String owner = getattr("security.owner");
                env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/" + owner + "/bus");
            }
        }
        IdSet targets = targets(Integer.parseInt(getattr("size")));
        if (attach && target.pid() > 0 && targets.count() > 1) {
            throw fail("--attach by pid requires a single target rank (use --rank)");
        }
        if (bg) {
            return background(targets, cmd);
        }
        ExecSession session = new ExecSession(err(), handle(), service, targets);
        session.verbose = verbose;
        session.quiet = quiet;
        session.labelIo = labelIo;
        session.noinput = noinput;
        session.flowControl = flowControl;
        session.useImp = useImp;
        session.attachTarget = target;
        return session.run(cmd, attach ? target.describe() : command.get(0));
    }

    /** The RFC 42 command object: argv, this environment, the working directory, options, label. */
    private ObjectNode commandObject() {
        ObjectNode o = Json.object();
        String cwd = dir != null ? dir : System.getProperty("user.dir");
        if (!cwd.equals("none")) {
            o.put("cwd", cwd);
        }
        ArrayNode argv = o.putArray("cmdline");
        command.forEach(argv::add);
        ObjectNode env = o.putObject("env");
        new TreeMap<>(System.getenv()).forEach(env::put);
        env.remove("FLUX_PROXY_REMOTE");
        ObjectNode opts = o.putObject("opts");
        for (String s : setopt) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw fail("error handling '%s' option: Invalid argument", s);
            }
            opts.put(s.substring(0, eq), s.substring(eq + 1));
        }
        o.putArray("channels");
        if (label != null) {
            o.put("label", label);
        }
        return o;
    }

    /** filter_ranks: all ranks of the instance, narrowed by --rank (indices) and --exclude. */
    IdSet targets(int size) {
        IdSet ranks = IdSet.range(0, size - 1);
        IdSet include = null;
        if (!rank.equals("all")) {
            try {
                include = IdSet.decode(rank);
            } catch (FormatException e) {
                throw fail("failed to decode idset '%s': Invalid argument", rank);
            }
            if (!include.isEmpty() && include.last() >= ranks.count()) {
                throw fail("One or more invalid --ranks specified: %s", rank);
            }
        }
        if (exclude != null) {
            try {
                ranks.subtract(IdSet.decode(exclude));
            } catch (FormatException e) {
                throw fail("error decoding --exclude idset: Invalid argument");
            }
        }
        IdSet out = include == null ? ranks : ranks.intersect(include);
        if (out.isEmpty()) {
            throw fail("No targets specified");
        }
        return out;
    }

    /** --bg: a non-streaming exec on each rank; prints "RANK: PID" for each started process. */
    private int background(IdSet targets, ObjectNode cmd) {
        ObjectNode payload = Json.object();
        payload.set("cmd", cmd);
        payload.put("flags", waitable ? ExecSession.WAITABLE : 0);
        payload.put("local_flags", 0);
        Map<Integer, CompletableFuture<Message>> sent = new LinkedHashMap<>();
        for (int r : targets) {
            sent.put(r, handle().rpc(service + ".exec", payload, r));
        }
        int status = 0;
        for (Map.Entry<Integer, CompletableFuture<Message>> e : sent.entrySet()) {
            try {
                JsonNode o = Rpc.await(e.getValue()).payloadObject();
                out().printf("%d: %d%n", e.getKey(), o.path("pid").asInt());
            } catch (IOException | FormatException x) {
                err().printf("%sError: rank %d: %s: %s%n", ExecSession.PREFIX, e.getKey(), command.get(0), x.getMessage());
                status = 1;
            }
            out().flush();
        }
        return status;
    }
}
