package org.fluxj.kernel.broker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.fluxj.formats.proc.DefaultSignals;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.api.Severity;
import org.fluxj.formats.proc.PathSearch;

/**
 * Runs the commands of the rc1, rc2 and rc3 phases as flux-core's src/broker/runat.c does:
 * each phase is a list of commands run one after another with {@code FLUX_URI} set; a
 * command's stdout and stderr lines are logged ("rc1.0: line") unless it runs interactively
 * (the initial program); each completion is logged with its exit code and time; the phase's
 * exit code is the first nonzero one. A command can also be a step run in-process (the
 * broker's own {@code flux modprobe}), which returns its exit code.
 */
final class Runat {

    /** An in-process step: returns an exit code. */
    interface Step {
        int run();
    }

    private record Command(List<String> argv, Step step, boolean logStdio) {
        String cmdline() {
            return String.join(" ", argv);
        }
    }

    // runat.push may add to a phase from the broker thread while another phase runs
    private final Map<String, List<Command>> phases = new ConcurrentHashMap<>();
    private final BrokerLog log;
    private final String localUri;
    private final Map<String, Process> running = new ConcurrentHashMap<>();

    Runat(BrokerLog log, String localUri) {
        this.log = log;
        this.localUri = localUri;
    }

    static String shell() {
        String s = System.getenv("SHELL");
        return s == null || s.isEmpty() ? "/bin/bash" : s;
    }

    /** A command run by the shell ({@code $SHELL -c CMD}), its output logged. */
    void pushShellCommand(String phase, String cmd) {
        add(phase, new Command(List.of(shell(), "-c", cmd), null, true));
    }

    /** A command run directly with the broker's stdio (the initial program). */
    void pushInteractive(String phase, List<String> argv) {
        add(phase, new Command(List.copyOf(argv), null, false));
    }

    /** An in-process step, logged as {@code name} would be. */
    void pushStep(String phase, String name, Step step) {
        add(phase, new Command(List.of(name), step, false));
    }

    /** A shell command put first in {@code phase} (flux-core's runat.push, as zlist_push does). */
    void pushShellCommandFirst(String phase, String cmd) {
        phases.computeIfAbsent(phase, k -> new CopyOnWriteArrayList<>())
                .add(0, new Command(List.of(shell(), "-c", cmd), null, true));
    }

    private void add(String phase, Command c) {
        phases.computeIfAbsent(phase, k -> new CopyOnWriteArrayList<>()).add(c);
    }

    boolean isDefined(String phase) {
        return phases.containsKey(phase);
    }

    /** Runs a phase on its own thread; {@code done} gets the phase's exit code. */
    void start(String phase, IntConsumer done) {
        Thread t = new Thread(() -> done.accept(runPhase(phase)), "runat-" + phase);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Ends a running phase's current process and what it started (shutdown during the initial
     * program) with SIGHUP, flux-core's abort signal: the program exits 129.
     */
    void abort(String phase) {
        Process p = running.get(phase);
        if (p == null) {
            return;
        }
        List<String> kill = new ArrayList<>(List.of("kill", "-HUP", Long.toString(p.pid())));
        p.descendants().forEach(d -> kill.add(Long.toString(d.pid())));
        try {
            new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runPhase(String phase) {
        int exitCode = 0;
        List<Command> commands = List.copyOf(phases.getOrDefault(phase, List.of()));
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            long t0 = System.nanoTime();
            String how = "Exited";
            int rc;
            if (c.step != null) {
                try {
                    rc = c.step.run();
                } catch (RuntimeException e) {
                    rc = 1;
                    how = String.valueOf(e.getMessage());
                }
            } else {
                try {
                    rc = exec(phase, i, c);
                    if (rc > 128) {
                        how = "Killed by signal " + (rc - 128);
                    }
                } catch (IOException e) {
                    String m = String.valueOf(e.getMessage());
                    rc = m.contains("error=2,") ? 127 : 126;
                    how = m.contains("error=2,") ? "No such file or directory"
                            : m.contains("error=8,") ? "Exec format error" : "Permission denied";
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            log.log(rc == 0 ? Severity.INFO : Severity.ERR, "broker",
                    String.format("%s.%d: %s %s (rc=%d) %.1fs", phase, i, c.cmdline(), how, rc, elapsed));
            if (rc != 0 && exitCode == 0) {
                exitCode = rc;
            }
        }
        return exitCode;
    }

    /** Runs one command with its output logged as part of a phase (rc1.d scripts in modprobe). */
    int runLogged(String phase, int index, List<String> argv) throws IOException {
        return exec(phase, index, new Command(argv, null, true));
    }

    /**
     * What an rc script or the initial program must not inherit from the broker's own
     * environment (flux-core runat.c's blocklist): above all the bootstrap's PMI, which would
     * make a nested {@code flux start} join this instance's PMI instead of being a singleton.
     */
    private static final List<String> ENV_BLOCKLIST = List.of("FLUX_JOB_ID", "FLUX_ENCLOSING_ID",
            "FLUX_JOB_SIZE", "FLUX_JOB_NNODES", "FLUX_JOB_TMPDIR", "FLUX_TASK_RANK", "FLUX_TASK_LOCAL_ID",
            "FLUX_URI", "FLUX_KVS_NAMESPACE", "FLUX_PROXY_REMOTE", "PMI_*", "PMIX_*", "FLUX_PMI_*",
            "I_MPI_PMI_LIBRARY", "SLURM_*", "NOTIFY_SOCKET", "PALS_*");

    /**
     * Whether execvp(3) would run {@code program}: a file that is neither a "#!" script nor
     * an ELF binary fails with ENOEXEC there, where Java would run it with /bin/sh instead.
     * A program not found is left for the launch to report.
     */
    private static boolean executableFormat(String program) {
        File found = PathSearch.find(program, System.getenv("PATH"), new File("."));
        Path file = found == null ? null : found.toPath();
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            return true;
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return true;
        }
        return n >= 2 && head[0] == '#' && head[1] == '!'
                || n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    private static boolean blocked(String name) {
        for (String b : ENV_BLOCKLIST) {
            if (b.endsWith("*") ? name.startsWith(b.substring(0, b.length() - 1)) : name.equals(b)) {
                return true;
            }
        }
        return false;
    }

    private int exec(String phase, int index, Command c) throws IOException {
        if (!executableFormat(c.argv.get(0))) {
            throw new IOException("error=8, Exec format error");
        }
        // begun with default signal dispositions, as the subprocess server begins its children
        ProcessBuilder pb = new ProcessBuilder(DefaultSignals.command(c.argv));
        pb.environment().keySet().removeIf(Runat::blocked);
        if (localUri != null) {
            pb.environment().put("FLUX_URI", localUri);
        }
        if (c.logStdio) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        } else {
            pb.inheritIO();
        }
        Process p = pb.start();
        running.put(phase, p);
        try {
            if (c.logStdio) {
                Thread err = pump(p.getErrorStream(), phase, index, Severity.ERR);
                pump(p.getInputStream(), phase, index, Severity.INFO).join();
                err.join();
            }
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 1;
        } finally {
            running.remove(phase);
        }
    }

    private Thread pump(InputStream in, String phase, int index, int severity) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.log(severity, "broker", phase + "." + index + ": " + line);
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "runat-io");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
