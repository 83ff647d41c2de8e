package org.fluxj.cmd.resource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluxj.cmd.CommandException;
import org.fluxj.cmd.OutputFormat;
import org.fluxj.formats.idset.IdSet;

/**
 * The lines of {@code flux resource status} and of {@code flux resource drain} without targets
 * (flux-resource.py's statuslines and status): one line per state and up/down, one per drained
 * rank merged with the others that print the same but for their nodes; empty lines are left out
 * unless the states were named.
 */
final class StatusLines {
    static final String DEFAULT_STATES = "avail,exclude,draining,drained,torpid,housekeeping";
    static final List<String> VALID = List.of("all", "online", "avail", "offline", "exclude", "drain",
            "draining", "drained", "torpid", "allocated", "housekeeping");
    static final Map<String, String> HEADINGS = AbstractResourceCommand.headings("state", "STATE", "statex", "STATE",
            "up", "UP", "status", "STATUS", "nnodes", "NNODES", "ranks", "RANKS", "nodelist", "NODELIST",
            "reason", "REASON", "timestamp", "TIME", "color_up", "", "color_off", "");
    private static final Set<String> MERGED = Set.of("nodelist", "ranks", "nnodes");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMMdd HH:mm", Locale.US);

    /** One output line: a state, up or down, its ranks, and for drains the reason and time. */
    private record Line(String state, boolean up, IdSet ranks, String reason, String timestamp) {
    }

    private static final Pattern FIELD = Pattern.compile("\\{(\\w+)");

    private final ResourceStatus st;
    /** The fields the format prints but for the nodes: lines equal in these are merged. */
    private final List<String> shown = new ArrayList<>();
    private final Map<List<Object>, Line> lines = new LinkedHashMap<>();

    private StatusLines(ResourceStatus st, String fmt) {
        this.st = st;
        Matcher m = FIELD.matcher(fmt);
        while (m.find()) {
            if (!MERGED.contains(m.group(1))) {
                shown.add(m.group(1));
            }
        }
    }

    /** The states a {@code -s} names (null: the default ones), checked and expanded as flux-core does. */
    static List<String> states(String arg) {
        List<String> states = new ArrayList<>(Arrays.asList((arg == null ? DEFAULT_STATES : arg).split(",")));
        for (String s : states) {
            if (!VALID.contains(s)) {
                throw new CommandException("ERROR: Invalid resource state " + s + " specified");
            }
        }
        if (states.stream().allMatch(s -> s.equals("online") || s.equals("offline"))) {
            states.addAll(Arrays.asList(DEFAULT_STATES.split(",")));
        }
        if (states.remove("drain")) {
            states.addAll(List.of("draining", "drained"));
        }
        return states;
    }

    /** The lines to print, header first unless {@code noHeader}. */
    static List<String> render(ResourceStatus st, String fmt, List<String> states, boolean skipEmpty,
            boolean noHeader) {
        StatusLines s = new StatusLines(st, fmt);
        boolean withOnline = states.contains("online") || !states.contains("offline");
        boolean withOffline = states.contains("offline") || !states.contains("online");
        Map<String, IdSet> sets = Map.of("avail", st.avail, "exclude", st.exclude, "allocated", new IdSet(),
                "torpid", st.torpid, "housekeeping", new IdSet());
        for (String state : List.of("avail", "exclude", "allocated", "torpid", "housekeeping")) {
            if (states.contains(state) || states.contains("all")) {
                for (boolean up : new boolean[] {true, false}) {
                    if (up ? withOnline : withOffline) {
                        IdSet ranks = sets.get(state).intersect(up ? st.online : st.offline);
                        s.add(new Line(state, up, ranks, "", ""));
                    }
                }
            }
        }
        for (String state : List.of("draining", "drained")) {
            if (states.contains(state) || states.contains("all")) {
                IdSet ranks = state.equals("drained") ? st.drained : new IdSet(); // none allocated yet
                if (ranks.isEmpty() && withOnline) {
                    s.add(new Line(state, true, new IdSet(), "", ""));
                }
                for (int rank : ranks) {
                    boolean up = st.online.contains(rank);
                    if (up ? withOnline : withOffline) {
                        ResourceStatus.Drain d = st.drains.get(rank);
                        String time = TIME.format(Instant.ofEpochMilli((long) (d.timestamp() * 1000))
                                .atZone(ZoneId.systemDefault()));
                        s.add(new Line(state, up, IdSet.of(rank), d.reason(), time));
                    }
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Line l : s.lines.values()) {
            if (l.ranks().isEmpty() && (skipEmpty || (!l.up() && !states.contains("offline")))) {
                continue;
            }
            rows.add(s.values(l, true));
        }
        return OutputFormat.render(fmt, HEADINGS, rows, noHeader);
    }

    /** Adds a line, or merges its ranks into one that prints the same but for the nodes (Deduplicator). */
    private void add(Line l) {
        Map<String, Object> v = values(l, false);
        List<Object> key = shown.stream().map(v::get).toList();
        Line old = lines.get(key);
        lines.put(key, old == null ? l
                : new Line(l.state(), l.up(), old.ranks().union(l.ranks()), l.reason(), l.timestamp()));
    }

    private Map<String, Object> values(Line l, boolean nodes) {
        Map<String, Object> v = new HashMap<>();
        v.put("state", l.up() ? l.state() : l.state() + "*");
        v.put("statex", l.state());
        v.put("up", l.up() ? "✔" : "✗");
        v.put("status", l.up() ? "online" : "offline");
        v.put("reason", l.reason());
        v.put("timestamp", l.timestamp());
        v.put("color_up", "");
        v.put("color_off", "");
        v.put("nnodes", nodes ? (Object) (int) l.ranks().count() : "");
        v.put("ranks", nodes ? l.ranks().encode(IdSet.Flag.RANGE) : "");
        v.put("nodelist", nodes ? st.nodelist(l.ranks()) : "");
        return v;
    }
}
