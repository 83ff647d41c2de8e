package org.fluxj.kernel.broker;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.fluxj.formats.stdlog.Stdlog;
import org.fluxj.kernel.BrokerLog;

/**
 * The broker's log ring buffer (flux-core src/broker/log.c): entries at or below
 * {@code log-level} are kept, up to {@code log-ring-size}; those at or below
 * {@code log-stderr-level} (or {@code log-critical-level}) are also written to stderr on
 * rank 0, in flux-core's layout. Other ranks forward their entries at or below
 * {@code log-forward-level} to rank 0, which writes every entry it gets, its own and
 * forwarded ones, to {@code log-filename} if that is set. Followers ({@code flux dmesg -f})
 * get each new local entry. Thread-safe: any thread may log.
 */
public final class LogBuffer implements BrokerLog {
    private static final DateTimeFormatter STDERR_TIME = DateTimeFormatter
            .ofPattern("MMM dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter STDERR_ZONE = DateTimeFormatter.ofPattern("zzz yyyy", Locale.ROOT);

    private final int rank;
    private final long pid = ProcessHandle.current().pid();
    private final PrintStream stderr;
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final List<Consumer<String>> followers = new ArrayList<>();
    private int ringSize = 1024;
    private int level = 7;
    private int stderrLevel = 3;
    private int criticalLevel = 2;
    private long seq;
    private long local;
    private long remote;
    private PrintStream file;
    private Consumer<String> upstream;
    private int forwardLevel = 3;
    private boolean localStderr;

    public LogBuffer(int rank, PrintStream stderr) {
        this.rank = rank;
        this.stderr = stderr;
    }

    public synchronized void configure(int ringSize, int level, int stderrLevel, int criticalLevel,
            boolean localStderr) {
        this.localStderr = localStderr;
        this.ringSize = ringSize;
        this.level = level;
        this.stderrLevel = stderrLevel;
        this.criticalLevel = criticalLevel;
        trim(ringSize);
    }

    /** Rank 0: every entry also goes to {@code path}, appended (log-filename). */
    public synchronized void logTo(Path path) throws IOException {
        file = new PrintStream(new FileOutputStream(path.toFile(), true), true, StandardCharsets.UTF_8);
    }

    /** Ranks above 0: entries at or below {@code level} also go to {@code sink} (to rank 0). */
    public synchronized void forwardTo(Consumer<String> sink, int level) {
        upstream = sink;
        forwardLevel = level;
    }

    public synchronized void setStderrLevel(int stderrLevel) {
        this.stderrLevel = stderrLevel;
    }

    @Override
    public void log(int severity, String appname, String text) {
        // flux_log logs each line of a multi-line message as its own entry
        for (String line : text.split("\r?\n")) {
            append(Stdlog.now(severity, rank, appname, pid, line).encode());
        }
    }

    /** Appends an encoded entry (a {@code log.append} payload). */
    public void append(String entry) {
        Stdlog e = Stdlog.decode(entry);
        int severity = e == null ? 6 : e.severity();
        boolean mine = e == null || e.rank() == rank;
        List<Consumer<String>> now;
        Consumer<String> forward = null;
        synchronized (this) {
            seq++;
            if (mine) {
                local++;
            } else {
                remote++;
            }
            // log-stderr-mode: "leader" prints every rank's on rank 0, "local" each its own
            if (mine && (severity <= criticalLevel || localStderr && severity <= stderrLevel)
                    || !localStderr && rank == 0 && severity <= stderrLevel) {
                stderr.println(forStderr(e, entry));
                stderr.flush();
            }
            if (file != null) {
                file.println(forStderr(e, entry));
            }
            if (upstream != null && severity <= forwardLevel) {
                forward = upstream;
            }
            if (severity > level || !mine) {
                now = null;
            } else {
                ring.addLast(entry);
                trim(ringSize);
                now = List.copyOf(followers);
            }
        }
        if (forward != null) {
            forward.accept(entry);
        }
        if (now != null) {
            now.forEach(f -> f.accept(entry));
        }
    }

    /** log_fp: "Mon DD HH:MM:SS.uuuuuu TZ YYYY app.sev[rank]: message". */
    static String forStderr(Stdlog e, String raw) {
        if (e == null) {
            return raw;
        }
        String time = e.timestamp();
        try {
            Instant t = Instant.parse(e.timestamp());
            var local = t.atZone(ZoneId.systemDefault());
            time = STDERR_TIME.format(local) + String.format(".%06d ", t.getNano() / 1000) + STDERR_ZONE.format(local);
        } catch (RuntimeException x) {
            // print the timestamp as it came
        }
        return time + " " + e.appname() + "." + Stdlog.severityName(e.severity()) + "[" + e.rank() + "]: "
                + e.message();
    }

    private void trim(int max) {
        while (ring.size() > max) {
            ring.removeFirst();
        }
    }

    public synchronized List<String> entries() {
        return new ArrayList<>(ring);
    }

    public synchronized void clear() {
        ring.clear();
    }

    /** Adds a follower; returns the backlog taken atomically with it. */
    public synchronized List<String> follow(Consumer<String> follower) {
        followers.add(follower);
        return new ArrayList<>(ring);
    }

    public synchronized void unfollow(Consumer<String> follower) {
        followers.remove(follower);
    }

    public synchronized int ringUsed() {
        return ring.size();
    }

    public synchronized long count() {
        return seq;
    }

    public synchronized long localCount() {
        return local;
    }

    public synchronized long remoteCount() {
        return remote;
    }
}
