package org.fluxj.cmd.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.Color;
import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.Getopt;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.msg.Errno;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux overlay status}: walks the tree from a rank with overlay.health requests and draws it as
 * flux-core's builtin/overlay.c does (its healthwalk, ghostwalk and the show_all / show_badtrees /
 * show_top map functions), with the same line-drawing connectors, colors and options.
 */
@Command(name = "status", description = "Display overlay subtree health status.")
final class OverlayStatusCommand extends AbstractCommand {
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DARK_GRAY = "\u001b[90m";
    private static final String DEFAULT = "\u001b[39m";
    private static final String BOLD_BLUE = "\u001b[01;34m";
    private static final String RESET = "\u001b[0m";

    private enum Connector {
        PIPE("│  "), TEE("├─ "), ELBOW("└─ "), BLANK("   "), NIL("");

        final String text;

        Connector(String text) {
            this.text = text;
        }
    }

    @Option(names = {"-r", "--rank"}, paramLabel = "NODEID",
            description = "Check health of subtree rooted at NODEID (default 0)")
    int rank;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "", paramLabel = "LEVEL",
            description = "Increase reporting detail: 1=show time since current state was entered,"
                    + " 2=show round-trip RPC times.")
    void verbose(String level) {
        verbose = verbosity(verbose, level);
    }

    int verbose;

    @Option(names = {"-t", "--timeout"}, paramLabel = "FSD", description = "Set RPC timeout, 0=disable (default 0.5s)")
    String timeoutArg;

    @Option(names = "--summary", description = "Show only the root subtree status.")
    boolean summary;

    @Option(names = "--down", description = "Show only the partial/degraded subtrees.")
    boolean down;

    @Option(names = "--no-pretty", description = "Do not indent entries and use line drawing characters"
            + " to show overlay tree structure")
    boolean noPretty;

    @Option(names = "--no-ghost", description = "Do not fill in presumed state of nodes that are"
            + " inaccessible behind offline/lost overlay parents")
    boolean noGhost;

    @Getopt.ShortOptionalValue
    @Option(names = {"-L", "--color"}, arity = "0..1", paramLabel = "WHEN", description = Color.DESCRIPTION,
            fallbackValue = "always")
    String colorWhen;

    @Option(names = "--no-color", hidden = true, description = "Same as --color=never.")
    boolean noColor;

    @Option(names = {"-H", "--highlight"}, paramLabel = "TARGET",
            description = "Highlight one or more TARGETs and their ancestors.")
    List<String> highlightArgs = new ArrayList<>();

    @Option(names = {"-w", "--wait"}, paramLabel = "STATE", description = "Wait until subtree enters STATE"
            + " before reporting (full, partial, offline, degraded, lost)")
    String wait;

    /** One line of the tree. */
    private static final class Node {
        int rank;
        IdSet subtree;
        String status;
        double duration = -1;
        boolean ghost;
        Connector connector;
        String error = "";
    }

    @FunctionalInterface
    private interface MapFn {
        boolean apply(Node node, boolean parent, int level);
    }

    private final Deque<Connector> stack = new ArrayDeque<>();
    private OverlayTree tree;
    private double timeout;
    private boolean color;
    private IdSet highlight;
    private long start;

    @Override
    public Integer call() {
        tree = new OverlayTree(this::handle);
        timeout = 0.5;
        if (timeoutArg != null) {
            try {
                timeout = Fsd.parse(timeoutArg);
            } catch (FormatException e) {
                throw fail("invalid timeout: %s", timeoutArg);
            }
        }
        if (timeout == 0) {
            timeout = -1;
        }
        if (wait != null && !List.of("full", "partial", "degraded", "lost", "offline").contains(wait)) {
            throw fail("invalid --wait state");
        }
        color = useColor();
        highlight = highlightRanks();
        MapFn fn = summary ? this::showTop : down ? this::showBadtrees : this::showAll;
        healthwalk(rank, 0, Connector.NIL, fn);
        out().flush();
        return 0;
    }

    private boolean useColor() {
        return !noColor && Color.use(colorWhen, "color");
    }

    private IdSet highlightRanks() {
        IdSet ids = new IdSet();
        if (highlightArgs.isEmpty()) {
            return ids;
        }
        int size = Integer.parseInt(getattr("size"));
        IdSet all = IdSet.range(0, size - 1);
        for (String arg : highlightArgs) {
            IdSet one;
            try {
                one = IdSet.decode(arg);
            } catch (FormatException e) {
                String r;
                try {
                    r = tree.lookup(arg);
                } catch (CommandException ce) {
                    throw fail("Error decoding %s: %s", arg, ce.getMessage());
                }
                try {
                    one = IdSet.decode(r);
                } catch (FormatException fe) {
                    throw fail("Unable to decode %s", arg);
                }
            }
            ids.add(one);
        }
        IdSet diff = ids.difference(all);
        if (!diff.isEmpty()) {
            throw fail("--highlight: rank%s %s not in set %s", diff.count() > 1 ? "s" : "",
                    diff.encode(IdSet.Flag.RANGE), all.encode(IdSet.Flag.RANGE));
        }
        return ids;
    }

    // ---------------------------------------------------------------- the walk

    private int healthwalk(int r, int level, Connector connector, MapFn fn) {
        Node node = new Node();
        node.rank = r;
        node.connector = connector;
        start = System.nanoTime();
        JsonNode h;
        try {
            h = health(r);
            if (!h.path("status").isTextual() || !h.has("children") || !h.has("duration")) {
                throw new IOException("Protocol error");
            }
        } catch (IOException e) {
            if (level == 0) {
                throw new CommandException(e.getMessage());
            }
            out().printf("%s%s%s: %s%s%n", indent(level), connector.text, name(node), e.getMessage(), rpcTime());
            return -1;
        }
        node.rank = h.path("rank").asInt(r);
        node.status = h.path("status").asText();
        node.duration = h.path("duration").asDouble();
        node.subtree = tree.subtreeRanks(node.rank);
        if (fn.apply(node, true, level)) {
            JsonNode children = h.path("children");
            int total = children.size();
            int index = 0;
            for (JsonNode entry : children) {
                Node child = new Node();
                child.rank = entry.path("rank").asInt();
                child.status = entry.path("status").asText();
                child.duration = entry.path("duration").asDouble();
                child.error = entry.path("error").asText("");
                child.subtree = tree.subtreeRanks(child.rank);
                if (index++ == total - 1) {
                    stack.addLast(Connector.BLANK);
                    child.connector = Connector.ELBOW;
                } else {
                    stack.addLast(Connector.PIPE);
                    child.connector = Connector.TEE;
                }
                if (fn.apply(child, false, level + 1)) {
                    if (child.status.equals("offline") || child.status.equals("lost")
                            || healthwalk(child.rank, level + 1, child.connector, fn) < 0) {
                        JsonNode topo = noGhost ? null : tree.subtree(child.rank);
                        ghostwalk(topo, level + 1, child.status, fn);
                    }
                }
                stack.removeLast();
            }
        }
        return 0;
    }

    /** Fills in the ranks behind an offline or lost broker with its status, as ghosts. */
    private void ghostwalk(JsonNode topo, int level, String status, MapFn fn) {
        if (topo == null) {
            return;
        }
        JsonNode children = topo.path("children");
        int total = children.size();
        int index = 0;
        for (JsonNode entry : children) {
            Node node = new Node();
            node.status = status;
            node.ghost = true;
            node.rank = entry.path("rank").asInt();
            if (index++ == total - 1) {
                stack.addLast(Connector.BLANK);
                node.connector = Connector.ELBOW;
            } else {
                stack.addLast(Connector.PIPE);
                node.connector = Connector.TEE;
            }
            node.subtree = OverlayTree.ranksOf(entry);
            if (fn.apply(node, false, level + 1)) {
                ghostwalk(entry, level + 1, status, fn);
            }
            stack.removeLast();
        }
    }

    private JsonNode health(int r) throws IOException {
        if (wait == null) {
            return tree.health(r, timeout);
        }
        long deadline = timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        var rpc = tree.handle().rpcStreaming("overlay.health", null, r);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException(Errno.ETIMEDOUT.message());
                }
                var m = rpc.next(Duration.ofNanos(left));
                if (m == null) {
                    throw new IOException(Errno.ETIMEDOUT.message());
                }
                JsonNode h = m.payloadObject();
                if (wait.equals(h.path("status").asText())) {
                    return h;
                }
            }
        } catch (FormatException e) {
            throw new IOException(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- map functions

    private boolean showTop(Node node, boolean parent, int level) {
        out().printf("%s%s%s%s%s%n", indent(level), node.connector.text, colorize(node.status, node.ghost),
                duration(node.duration), parent ? rpcTime() : "");
        return false;
    }

    private boolean showBadtrees(Node node, boolean parent, int level) {
        if (node.status.equals("full")) {
            return false;
        }
        return showAll(node, parent, level);
    }

    private boolean showAll(Node node, boolean parent, int level) {
        boolean haveChildren = node.subtree != null && node.subtree.count() > 1;
        if (parent || node.status.equals("lost") || node.status.equals("offline") || (!haveChildren && verbose < 2)) {
            print(node, parent, level);
        }
        return haveChildren || verbose >= 2;
    }

    private void print(Node node, boolean parent, int level) {
        Connector c = noPretty ? Connector.NIL : node.connector;
        out().printf("%s%s%s: %s%s%s%s%s%n", indent(level), c.text, name(node), colorize(node.status, node.ghost),
                duration(node.duration), node.error.isEmpty() ? "" : " ", node.error, parent ? rpcTime() : "");
    }

    // ---------------------------------------------------------------- pieces of a line

    private String indent(int level) {
        if (noPretty || level == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int n = stack.size();
        Iterator<Connector> it = stack.iterator();
        for (int i = 0; i < n - 1; i++) {
            sb.append(it.next().text);
        }
        return sb.toString();
    }

    private String name(Node node) {
        String start = "";
        String end = "";
        if (node.subtree != null && node.subtree.hasIntersection(highlight)) {
            start = color ? BOLD_BLUE : "<<";
            end = color ? RESET : ">>";
        }
        return start + node.rank + " " + tree.host(node.rank) + end;
    }

    private String colorize(String status, boolean ghost) {
        if (!color) {
            return status;
        }
        if (status.equals("lost") && !ghost) {
            return RED + status + DEFAULT;
        } else if (status.equals("offline") && !ghost) {
            return YELLOW + status + DEFAULT;
        } else if (ghost) {
            return DARK_GRAY + status + DEFAULT;
        }
        return status;
    }

    private String duration(double since) {
        if (verbose < 1 || since <= 0) {
            return "";
        }
        return " for " + Fsd.format(since);
    }

    private String rpcTime() {
        if (verbose < 2) {
            return "";
        }
        return String.format(" (%.3f ms)", (System.nanoTime() - start) / 1e6);
    }
}
