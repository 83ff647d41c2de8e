package org.fluxj.formats.jobspec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;

/**
 * Builds the jobspec {@code flux submit} and {@code flux run} would submit for a command and
 * their options, as flux-core's Python front end does ({@code init_jobspec},
 * {@code JobspecV1.from_command} / {@code per_resource}, {@code apply_options}): the same
 * checks with the same messages, and the same document, key order included.
 *
 * <p>Option values are the strings given on the command line, parsed here as flux-core parses
 * them. Rules that accumulate ({@link #env}, {@link #dependency}, {@link #setopt}, ...) are
 * applied in the order they were added. The submitter's environment, resource limits,
 * working directory and clock are inputs, defaulting to those of this process.
 */
public final class JobspecBuilder {
    private static final ObjectReader LENIENT = Json.mapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .without(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern FSD_UNIT = Pattern.compile("(.*?)(s|m|h|d|ms)", Pattern.DOTALL);

    private List<String> command = List.of();
    private String ntasks;
    private String nodes;
    private String cores;
    private String coresPerTask;
    private String gpusPerTask;
    private String tasksPerNode;
    private String tasksPerCore;
    private String gpusPerNode;
    private boolean exclusive;
    private String timeLimit;
    private String cwd;
    private String jobName;
    private String input;
    private String output;
    private String error;
    private boolean labelIo;
    private boolean unbuffered;
    private String queue;
    private String bank;
    private String signal;
    private String taskmap;
    private String urgency = "16";
    private boolean debugEmulate;
    private final List<String> env = new ArrayList<>();
    private boolean envGiven;
    private final List<String> rlimit = new ArrayList<>();
    private final List<String[]> dependencies = new ArrayList<>();
    private final List<String> setopt = new ArrayList<>();
    private final List<String> setattr = new ArrayList<>();
    private Map<String, String> environment;
    private Map<String, Long> limits;
    private String workingDirectory;
    private Instant now;
    private ZoneId zone;
    private final List<String> warnings = new ArrayList<>();

    /** The job's command and arguments; a leading "--" is dropped. */
    public JobspecBuilder command(List<String> argv) {
        this.command = List.copyOf(argv);
        return this;
    }

    /** {@code -n, --ntasks}. */
    public JobspecBuilder ntasks(String n) {
        this.ntasks = n;
        return this;
    }

    /** {@code -N, --nodes}. */
    public JobspecBuilder nodes(String n) {
        this.nodes = n;
        return this;
    }

    /** {@code --cores}: a total number of cores (a per-resource option). */
    public JobspecBuilder cores(String n) {
        this.cores = n;
        return this;
    }

    /** {@code -c, --cores-per-task}. */
    public JobspecBuilder coresPerTask(String n) {
        this.coresPerTask = n;
        return this;
    }

    /** {@code -g, --gpus-per-task}. */
    public JobspecBuilder gpusPerTask(String n) {
        this.gpusPerTask = n;
        return this;
    }

    /** {@code --tasks-per-node} (a per-resource option). */
    public JobspecBuilder tasksPerNode(String n) {
        this.tasksPerNode = n;
        return this;
    }

    /** {@code --tasks-per-core} (a per-resource option). */
    public JobspecBuilder tasksPerCore(String n) {
        this.tasksPerCore = n;
        return this;
    }

    /** {@code --gpus-per-node} (a per-resource option, needs nodes). */
    public JobspecBuilder gpusPerNode(String n) {
        this.gpusPerNode = n;
        return this;
    }

    /** {@code -x, --exclusive}: with nodes, allocate them whole. */
    public JobspecBuilder exclusive(boolean x) {
        this.exclusive = x;
        return this;
    }

    /** {@code -t, --time-limit}: minutes when a bare number, else Flux Standard Duration. */
    public JobspecBuilder timeLimit(String limit) {
        this.timeLimit = limit;
        return this;
    }

    /** {@code --cwd}; the working directory otherwise. */
    public JobspecBuilder cwd(String dir) {
        this.cwd = dir;
        return this;
    }

    /** {@code --job-name}. */
    public JobspecBuilder jobName(String name) {
        this.jobName = name;
        return this;
    }

    /** {@code --input}: a file for stdin (an idset here means ranks, and changes nothing). */
    public JobspecBuilder input(String path) {
        this.input = path;
        return this;
    }

    /** {@code --output}: a file for stdout ("none" and "kvs" change nothing). */
    public JobspecBuilder output(String path) {
        this.output = path;
        return this;
    }

    /** {@code --error}: a file for stderr ("none" and "kvs" change nothing). */
    public JobspecBuilder error(String path) {
        this.error = path;
        return this;
    }

    /** {@code -l, --label-io}: label lines of file output with task ranks. */
    public JobspecBuilder labelIo(boolean label) {
        this.labelIo = label;
        return this;
    }

    /** {@code -u, --unbuffered}. */
    public JobspecBuilder unbuffered(boolean u) {
        this.unbuffered = u;
        return this;
    }

    /** {@code -q, --queue}. */
    public JobspecBuilder queue(String name) {
        this.queue = name;
        return this;
    }

    /** {@code -B, --bank}. */
    public JobspecBuilder bank(String name) {
        this.bank = name;
        return this;
    }

    /** {@code --signal=[SIG][@TIME]}. */
    public JobspecBuilder signal(String spec) {
        this.signal = spec;
        return this;
    }

    /** {@code --taskmap=SCHEME[:VALUE]}. */
    public JobspecBuilder taskmap(String uri) {
        this.taskmap = uri;
        return this;
    }

    /** {@code --urgency}: 0-31 or default, hold, expedite; a submission parameter, not jobspec. */
    public JobspecBuilder urgency(String u) {
        this.urgency = u;
        return this;
    }

    /** {@code --debug-emulate}: the job stops its tasks in exec for a debugger (MPIR). */
    public JobspecBuilder debugEmulate(boolean emulate) {
        this.debugEmulate = emulate;
        return this;
    }

    /** {@code --env=RULE}: -PATTERN removes, ^FILE reads rules, PATTERN imports, VAR=VALUE sets. */
    public JobspecBuilder env(String rule) {
        this.env.add(rule);
        this.envGiven = true;
        return this;
    }

    /** {@code --env-remove=PATTERN}, the same as {@code --env=-PATTERN}. */
    public JobspecBuilder envRemove(String pattern) {
        return env("-" + pattern);
    }

    /** {@code --env-file=FILE}, the same as {@code --env=^FILE}. */
    public JobspecBuilder envFile(String file) {
        return env("^" + file);
    }

    /** {@code --rlimit=RULE[,RULE...]}. */
    public JobspecBuilder rlimit(String rules) {
        this.rlimit.add(rules);
        return this;
    }

    /** {@code --dependency=URI} (RFC 26). */
    public JobspecBuilder dependency(String uri) {
        this.dependencies.add(new String[] {uri, null});
        return this;
    }

    /**
     * {@code --begin-time=+FSD|-FSD|now|DATETIME}: a begin-time dependency. DATETIME is an ISO
     * date and time ({@code 2026-01-31T15:00}, {@code 2026-01-31 15:00:00}, {@code 2026-01-31}
     * or {@code 15:00} today) in the submitter's time zone.
     */
    public JobspecBuilder beginTime(String when) {
        this.dependencies.add(new String[] {null, when});
        return this;
    }

    /** {@code -o, --setopt=OPT[=VAL]}: a shell option; VAL is JSON if it parses, else a string. */
    public JobspecBuilder setopt(String keyval) {
        this.setopt.add(keyval);
        return this;
    }

    /** {@code -S, --setattr=ATTR[=VAL]}: an attribute, under system. unless prefixed. */
    public JobspecBuilder setattr(String keyval) {
        this.setattr.add(keyval);
        return this;
    }

    /** The submitter's environment, in its order (default: this process's). */
    public JobspecBuilder environment(Map<String, String> environ) {
        this.environment = new LinkedHashMap<>(environ);
        return this;
    }

    /**
     * The submitter's soft resource limits by lower-case name ({@code cpu}, {@code nofile}, ...,
     * unlimited as -1); default: none known, so none propagate.
     */
    public JobspecBuilder limits(Map<String, Long> current) {
        this.limits = new LinkedHashMap<>(current);
        return this;
    }

    /** The submitter's working directory, used when no {@link #cwd} is given. */
    public JobspecBuilder workingDirectory(String dir) {
        this.workingDirectory = dir;
        return this;
    }

    /** The time relative begin times count from (default: now). */
    public JobspecBuilder now(Instant instant, ZoneId timeZone) {
        this.now = instant;
        this.zone = timeZone;
        return this;
    }

    /** Notes flux-core prints on stderr while building (such as deprecated dependency schemes). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The urgency to submit with, checked: 0-31, or default (16), hold (0), expedite (31). */
    public int urgency() throws FormatException {
        switch (urgency) {
            case "default":
                return 16;
            case "hold":
                return 0;
            case "expedite":
                return 31;
            default:
                BigInteger u = Py.parseInt(urgency);
                if (u == null || u.signum() < 0 || u.compareTo(BigInteger.valueOf(31)) > 0) {
                    throw new FormatException("--urgency: must be an integer 0-31, default, hold or expedite, got '"
                            + urgency + "'");
                }
                return u.intValue();
        }
    }

    /**
     * The jobspec, as flux-core would submit it. It is not validated: attributes set with
     * {@link #setattr} may make it one Flux refuses ({@link Jobspec#validate()} tells).
     *
     * @throws FormatException with flux-core's message for a bad option or combination
     */
    public Jobspec build() throws FormatException {
        warnings.clear();
        List<String> argv = new ArrayList<>(command);
        if (argv.isEmpty()) {
            throw new FormatException("job command and arguments are missing");
        }
        if (argv.get(0).equals("--")) {
            argv.remove(0);
        }
        if (argv.isEmpty()) {
            // flux-core checked for a command before dropping "--"; its jobspec check refuses this
            throw new FormatException("command array cannot have length of zero");
        }
        Object duration = null;
        if (timeLimit != null) {
            Double minutes = Py.parseFloat(timeLimit);
            duration = minutes != null ? (Object) (minutes * 60) : timeLimit;
        }
        String stdin = input != null && !isIdset(input) ? input : null;
        Long nt = integer("ntasks", ntasks);
        Long nn = integer("nodes", nodes);
        Long nc = integer("cores", cores);
        Long cpt = integer("cores-per-task", coresPerTask);
        Long gpt = integer("gpus-per-task", gpusPerTask);
        Long tpn = integer("tasks-per-node", tasksPerNode);
        Long tpc = integer("tasks-per-core", tasksPerCore);
        Long gpn = integer("gpus-per-node", gpusPerNode);

        if (tpn != null && tpc != null) {
            throw new FormatException("Do not specify both the number of tasks per node and per core");
        }
        String perType = null;
        Long perCount = null;
        if (tpn != null) {
            if (tpn < 1) {
                throw new FormatException("--tasks-per-node must be >= 1");
            }
            perType = "node";
            perCount = tpn;
        } else if (tpc != null) {
            if (tpc < 1) {
                throw new FormatException("--tasks-per-core must be >= 1");
            }
            perType = "core";
            perCount = tpc;
        }
        if (truthy(gpn) && !truthy(nn)) {
            throw new FormatException("--gpus-per-node requires --nodes");
        }
        ObjectNode doc;
        if (perType != null || gpn != null || nc != null) {
            if (nt != null || cpt != null || truthy(gpt)) {
                throw new FormatException("Per-resource options can't be used with per-task options."
                        + " (See --help for details)");
            }
            boolean x = exclusive || (truthy(nn) && nc == null);
            doc = perResource(argv, nc, nn, perType, perCount, gpn, x);
        } else {
            boolean x = exclusive;
            if (!truthy(nt) && truthy(nn)) {
                nt = nn;
                x = true;
            }
            if (!truthy(nt)) {
                nt = 1L;
            }
            if (!truthy(cpt)) {
                cpt = 1L;
            }
            doc = fromCommand(argv, nt, cpt, gpt, nn, x);
        }
        extraOptions(doc, duration, stdin);
        applyOptions(doc);
        return new Jobspec(doc);
    }

    private static boolean truthy(Long v) {
        return v != null && v != 0;
    }

    private static Long integer(String option, String value) throws FormatException {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            return 0L; // flux-core leaves "" unconverted: given, yet false like 0
        }
        BigInteger v = Py.parseInt(value);
        if (v == null) {
            throw new FormatException("--" + option + ": invalid int value '" + value + "'");
        }
        if (v.bitLength() > 31) {
            throw new FormatException("--" + option + ": value out of range '" + value + "'");
        }
        return v.longValue();
    }

    /** flux-core's {@code IDset(s)} succeeding: a set of ranks like 0-3,7 or [0-3]. */
    static boolean isIdset(String s) {
        String t = s.startsWith("[") && s.endsWith("]") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
        return t.isEmpty() || t.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
    }

    private static ObjectNode resource(String type, long count) {
        ObjectNode r = Json.object();
        r.put("type", type);
        r.put("count", count);
        return r;
    }

    private static ObjectNode slot(long count, ArrayNode children) {
        ObjectNode slot = resource("slot", count);
        slot.set("with", children);
        slot.put("label", "task");
        return slot;
    }

    private static ObjectNode node(long count, ObjectNode slot, boolean exclusive) {
        ObjectNode node = resource("node", count);
        if (exclusive) {
            node.put("exclusive", true);
        }
        node.set("with", Json.array().add(slot));
        return node;
    }

    private static ObjectNode document(ObjectNode resource, List<String> argv, ObjectNode count) {
        ObjectNode doc = Json.object();
        doc.set("resources", Json.array().add(resource));
        ObjectNode task = Json.object();
        ArrayNode cmd = task.putArray("command");
        argv.forEach(cmd::add);
        task.put("slot", "task");
        task.set("count", count);
        doc.set("tasks", Json.array().add(task));
        doc.putObject("attributes").putObject("system").put("duration", 0);
        doc.put("version", 1);
        return doc;
    }

    // JobspecV1.from_command
    private static ObjectNode fromCommand(List<String> argv, long ntasks, long cpt, Long gpt, Long nnodes,
            boolean exclusive) throws FormatException {
        if (ntasks < 1) {
            throw new FormatException("task count must be a integer >= 1");
        }
        if (cpt < 1) {
            throw new FormatException("cores per task must be an integer >= 1");
        }
        if (gpt != null && gpt < 0) {
            throw new FormatException("gpus per task must be an integer >= 0");
        }
        if (nnodes != null) {
            if (nnodes < 1) {
                throw new FormatException("node count must be an integer >= 1 (if set)");
            }
            if (nnodes > ntasks) {
                throw new FormatException("node count must not be greater than task count");
            }
        } else if (exclusive) {
            throw new FormatException("exclusive can only be set with a node count");
        }
        ArrayNode children = Json.array().add(resource("core", cpt));
        if (gpt != null && gpt != 0) {
            children.add(resource("gpu", gpt));
        }
        ObjectNode count = Json.object();
        ObjectNode top;
        if (nnodes != null) {
            long slots = (ntasks + nnodes - 1) / nnodes;
            if (ntasks % nnodes != 0) {
                count.put("total", ntasks);
            } else {
                count.put("per_slot", 1);
            }
            top = node(nnodes, slot(slots, children), exclusive);
        } else {
            count.put("per_slot", 1);
            top = slot(ntasks, children);
        }
        return document(top, argv, count);
    }

    // JobspecV1.per_resource
    private static ObjectNode perResource(List<String> argv, Long ncores, Long nnodes, String perType,
            Long perCount, Long gpn, boolean exclusive) throws FormatException {
        if (ncores != null && ncores < 1) {
            throw new FormatException("ncores must be an integer >= 1");
        }
        if (gpn != null) {
            if (gpn < 0) {
                throw new FormatException("gpus_per_node must be an integer >= 0");
            }
            if (!truthy(nnodes)) {
                throw new FormatException("gpus_per_node must be specified with nnodes");
            }
        }
        if (nnodes != null) {
            if (nnodes < 1) {
                throw new FormatException("nnodes must be an integer >= 1");
            }
        } else if (exclusive) {
            throw new FormatException("exclusive can only be set with a node count");
        }
        long nslots;
        long slotSize;
        if (truthy(nnodes) && truthy(ncores)) {
            if (ncores < nnodes) {
                throw new FormatException("number of cores cannot be less than nnodes");
            }
            if (ncores % nnodes != 0) {
                throw new FormatException("number of cores must be evenly divisible by node count");
            }
            nslots = 1;
            slotSize = ncores / nnodes;
        } else if (truthy(ncores)) {
            nslots = ncores;
            slotSize = 1;
        } else if (truthy(nnodes)) {
            if (!exclusive) {
                throw new FormatException("Specifying nnodes also requires ncores or exclusive");
            }
            nslots = 1;
            slotSize = 1;
        } else {
            throw new FormatException("must specify node or core count with per_resource");
        }
        ArrayNode children = Json.array().add(resource("core", slotSize));
        if (truthy(gpn)) {
            children.add(resource("gpu", gpn));
        }
        ObjectNode slot = slot(nslots, children);
        ObjectNode top = truthy(nnodes) ? node(nnodes, slot, exclusive) : slot;
        ObjectNode count = Json.object().put("per_slot", 1);
        ObjectNode doc = document(top, argv, count);
        if (perType != null) {
            ObjectNode per = Json.object().put("type", perType).put("count", perCount);
            Tree.setattr(doc, "system.shell.options.per-resource", per);
        }
        return doc;
    }

    // JobspecV1._set_extra_options
    private void extraOptions(ObjectNode doc, Object duration, String stdin) throws FormatException {
        if (duration != null) {
            setDuration(doc, duration);
        }
        Tree.setattr(doc, "system.environment", Json.object());
        Tree.setattr(doc, "system.cwd", TextNode.valueOf(cwd != null ? cwd : workingDirectory()));
        if (jobName != null) {
            Tree.setattr(doc, "system.job.name", TextNode.valueOf(jobName));
        }
        if (stdin != null) {
            stdio(doc, "input.stdin", stdin);
        }
        if (output != null && !output.equals("none") && !output.equals("kvs")) {
            stdio(doc, "output.stdout", output);
            if (labelIo) {
                shellOption(doc, "output.stdout.label", BooleanNode.TRUE);
            }
        }
        if (error != null && !error.equals("none") && !error.equals("kvs")) {
            stdio(doc, "output.stderr", error);
            if (labelIo) {
                shellOption(doc, "output.stderr.label", BooleanNode.TRUE);
            }
        }
        if (unbuffered) {
            shellOption(doc, "output.stdout.buffer.type", TextNode.valueOf("none"));
            shellOption(doc, "output.stderr.buffer.type", TextNode.valueOf("none"));
            shellOption(doc, "output.batch-timeout", DoubleNode.valueOf(0.05));
            shellOption(doc, "input.batch-timeout", DoubleNode.valueOf(0.0));
        }
        if (queue != null) {
            Tree.setattr(doc, "queue", TextNode.valueOf(queue));
        }
        if (bank != null) {
            Tree.setattr(doc, "bank", TextNode.valueOf(bank));
        }
    }

    private String workingDirectory() {
        return workingDirectory != null ? workingDirectory : System.getProperty("user.dir");
    }

    private static void stdio(ObjectNode doc, String stream, String path) throws FormatException {
        shellOption(doc, stream + ".type", TextNode.valueOf("file"));
        shellOption(doc, stream + ".path", TextNode.valueOf(path));
    }

    private static void shellOption(ObjectNode doc, String key, JsonNode value) throws FormatException {
        Tree.setattr(doc, "system.shell.options." + key, value);
    }

    // Jobspec.duration setter, given a number of seconds or an FSD string
    private static void setDuration(ObjectNode doc, Object duration) throws FormatException {
        double seconds = duration instanceof Double d ? d : parseFsd((String) duration);
        if (seconds < 0) {
            throw new FormatException("duration must not be negative");
        }
        if (!Double.isFinite(seconds)) {
            throw new FormatException("duration must be a normal, finite value");
        }
        Tree.setattr(doc, "system.duration", DoubleNode.valueOf(seconds));
    }

    /** flux-core's Python {@code parse_fsd}, the number read as Python reads it, scaled by Fsd. */
    private static double parseFsd(String s) throws FormatException {
        if (List.of("inf", "infinity", "INF", "INFINITY").contains(s)) {
            return Double.POSITIVE_INFINITY;
        }
        Matcher m = FSD_UNIT.matcher(s);
        String number = m.matches() ? m.group(1) : s;
        String unit = m.matches() ? m.group(2) : "s";
        Double value = Py.parseFloat(number);
        if (value == null || !Double.isFinite(value)) {
            throw new FormatException("invalid Flux standard duration");
        }
        try {
            return Fsd.parse(Py.repr(value) + unit);
        } catch (FormatException e) {
            throw new FormatException("invalid Flux standard duration");
        }
    }

    // Jobspec.apply_options, as the command line calls it
    private void applyOptions(ObjectNode doc) throws FormatException {
        Map<String, String> process = environment != null ? environment : new LinkedHashMap<>(System.getenv());
        String home = process.get("HOME");
        Environment environ = new Environment(process, home != null ? Path.of(home) : null);
        if (envGiven) {
            environ.apply(env);
        }
        ObjectNode envNode = Json.object();
        environ.environ.forEach(envNode::put);
        Tree.setattr(doc, "system.environment", envNode);
        if (!environ.expand.isEmpty()) {
            ObjectNode expand = Json.object();
            environ.expand.forEach(expand::put);
            shellOption(doc, "env-expand", expand);
        }
        Map<String, Long> rl = Rlimits.filter(limits != null ? limits : Map.of(), rlimit);
        if (!rl.isEmpty()) {
            ObjectNode r = Json.object();
            rl.forEach(r::put);
            shellOption(doc, "rlimit", r);
        }
        if (signal != null && !signal.isEmpty()) {
            shellOption(doc, "signal", signalEntry(signal));
        }
        if (taskmap != null) {
            shellOption(doc, "taskmap", UriArg.entry(taskmap, "taskmap"));
        }
        if (!dependencies.isEmpty()) {
            ArrayNode deps = Json.array();
            for (String[] d : dependencies) {
                String uri = d[0] != null ? d[0] : "begin-time:" + Py.repr(beginTimestamp(d[1]));
                ObjectNode entry = UriArg.entry(uri, "dependency");
                if (entry.get("scheme").asText().equals("after")) {
                    warnings.add("dependency scheme 'after' is deprecated, use 'afterstart'");
                }
                deps.add(entry);
            }
            Tree.setattr(doc, "system.dependencies", deps);
        }
        for (String kv : setopt) {
            String[] keyval = keyval("--setopt", kv);
            JsonNode value = value("--setopt", keyval);
            shellOption(doc, keyval[0], value);
        }
        if (timeLimit != null) {
            Double minutes = Py.parseFloat(timeLimit);
            setDuration(doc, minutes != null ? (Object) (minutes * 60) : timeLimit);
        }
        for (String kv : setattr) {
            String[] keyval = keyval("--setattr", kv);
            JsonNode value = value("--setattr", keyval);
            String key = keyval[0];
            if (key.startsWith(".")) {
                key = "attributes" + key;
            } else if (!key.startsWith("attributes.") && !key.startsWith("user.") && !key.startsWith("system.")) {
                key = "system." + key;
            }
            Tree.setattr(doc, key, value);
        }
        if (debugEmulate) {
            shellOption(doc, "stop-tasks-in-exec", IntNode.valueOf(1));
        }
    }

    private static String[] keyval(String label, String kv) {
        int eq = kv.indexOf('=');
        return eq < 0 ? new String[] {kv, null} : new String[] {kv.substring(0, eq), kv.substring(eq + 1)};
    }

    /**
     * flux-core's {@code parse_jobspec_keyval}: no value is 1, a value that is JSON is that, any
     * other a string; {@code ^KEY=FILE} reads the value as JSON from FILE. Rewrites keyval[0].
     */
    private static JsonNode value(String label, String[] keyval) throws FormatException {
        if (keyval[0].startsWith("^")) {
            keyval[0] = keyval[0].replaceFirst("^\\^+", "");
            if (keyval[1] == null) {
                throw new FormatException("expected str, bytes or os.PathLike object, not int");
            }
            String text;
            try {
                text = Files.readString(Path.of(keyval[1]));
            } catch (NoSuchFileException e) {
                throw new FormatException("No such file or directory: '" + keyval[1] + "'");
            } catch (IOException | RuntimeException e) {
                throw new FormatException(label + ": " + keyval[1] + ": " + e.getMessage());
            }
            try {
                return LENIENT.readTree(text);
            } catch (IOException | RuntimeException e) {
                throw new FormatException(label + ": " + keyval[1] + ": " + FormatException.oneLine(
                        e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
            }
        }
        if (keyval[1] == null) {
            return IntNode.valueOf(1);
        }
        try {
            JsonNode v = LENIENT.readTree(keyval[1]);
            if (v != null && !v.isMissingNode()) {
                return v;
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the string itself
        }
        return TextNode.valueOf(keyval[1]);
    }

    // parse_signal_option
    private static ObjectNode signalEntry(String arg) throws FormatException {
        String sig = "SIGUSR1";
        JsonNode timeleft = IntNode.valueOf(60);
        int at = arg.indexOf('@');
        String s = at < 0 ? arg : arg.substring(0, at);
        String t = at < 0 ? "" : arg.substring(at + 1);
        if (!s.isEmpty()) {
            sig = s;
        }
        long signum;
        try {
            signum = Signals.decode(sig);
        } catch (FormatException e) {
            throw new FormatException("--signal=" + arg + ": " + e.getMessage());
        }
        if (signum <= 0) {
            throw new FormatException("--signal=" + arg + ": signal must be > 0");
        }
        if (!t.isEmpty()) {
            Double f = Py.parseFloat(t);
            try {
                timeleft = DoubleNode.valueOf(f != null ? f : parseFsd(t));
            } catch (FormatException e) {
                throw new FormatException("--signal=" + arg + ": " + e.getMessage());
            }
        }
        ObjectNode o = Json.object();
        o.put("signum", signum);
        o.set("timeleft", timeleft);
        return o;
    }

    // parse_datetime, for --begin-time: a timestamp in seconds, to the microsecond
    private double beginTimestamp(String when) throws FormatException {
        Instant base = now != null ? now : Instant.now();
        ZoneId tz = zone != null ? zone : ZoneId.systemDefault();
        double ts = base.getEpochSecond() + base.getNano() / 1e9;
        if (when.equals("now")) {
            return micro(ts);
        }
        if (when.startsWith("+") || when.startsWith("-")) {
            double offset = parseFsd(when.substring(1));
            return micro(when.startsWith("+") ? ts + offset : ts - offset);
        }
        String w = when.strip().replace(' ', 'T');
        try {
            LocalDateTime dt;
            if (w.contains("T")) {
                dt = LocalDateTime.parse(w);
            } else if (w.contains(":")) {
                dt = LocalDate.ofInstant(base, tz).atTime(LocalTime.parse(w));
            } else {
                dt = LocalDate.parse(w).atStartOfDay();
            }
            return dt.atZone(tz).toEpochSecond() + dt.getNano() / 1e9;
        } catch (DateTimeParseException e) {
            throw new FormatException("Invalid datetime: \"" + when + "\"");
        }
    }

    private static double micro(double ts) {
        return Math.rint(ts * 1e6) / 1e6;
    }
}
