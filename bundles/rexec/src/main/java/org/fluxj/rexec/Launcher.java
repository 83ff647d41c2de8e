package org.fluxj.rexec;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.proc.DefaultSignals;
import org.fluxj.formats.proc.PathSearch;

/**
 * Turns a command into a started child process. Each child leads a new process group: Java
 * cannot call setpgid(2), so the program is run through {@code setsid(1)}, which (the JVM's
 * children never being group leaders) calls setsid(2) and execs in place, keeping the pid. The
 * program is found here, before the spawn, so that a missing one is an ENOENT error rather than
 * setsid's exit 127.
 *
 * <p>flux-core's child begins with every signal at its default and none blocked; a JVM's would
 * inherit what the broker ignores and its threads block. So the program runs through
 * {@link DefaultSignals} ({@code env --default-signal}), which execs in place as setsid does.
 * When the broker ignores a signal, the child ignores it too until env has reset it, and the
 * kernel drops that signal if it is sent then (a kill right after {@code started} did nothing);
 * so the child is reported started only once its program runs ({@link #awaitProgram}), as
 * flux-core reports it after the exec.
 */
final class Launcher {
    private static final Pattern IO_ERRNO = Pattern.compile("error=(\\d+)");
    private static final File DEV_NULL = new File("/dev/null");

    private final String setsid;
    private final String localUri;
    private final Map<String, String> serverEnv;
    /** The broker ignores signals: a child must be past the reset before it can be signalled. */
    private final boolean awaitReset;

    /**
     * @param setsid path of setsid(1), or null to run children in the broker's process group
     * @param localUri the broker's local URI, set as FLUX_URI in every child (null: left alone)
     */
    Launcher(String setsid, String localUri, Map<String, String> serverEnv) {
        this.setsid = setsid;
        this.localUri = localUri;
        this.serverEnv = Map.copyOf(serverEnv);
        this.awaitReset = DefaultSignals.ignoresAny() && !DefaultSignals.prefix().isEmpty();
    }

    /** The setsid(1) of this system, or null. */
    static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    LaunchPlan plan(Command cmd, int flags, int localFlags, boolean background) throws RexecException {
        if ((localFlags & ~RexecFlags.LOCAL_VALID) != 0) {
            throw RexecException.launchError(Errno.EINVAL);
        }
        StreamOptions out = StreamOptions.of(cmd, "stdout");
        StreamOptions err = StreamOptions.of(cmd, "stderr");
        StreamOptions in = StreamOptions.of(cmd, "stdin");
        ProcessBuilder pb = new ProcessBuilder();
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(cmd.env().isEmpty() ? serverEnv : cmd.env());
        if (localUri != null) {
            env.put("FLUX_URI", localUri);
        }
        env.remove("FLUX_PROXY_REMOTE");
        env.remove("NOTIFY_SOCKET");
        env.remove("INVOCATION_ID");

        String warning = null;
        File cwd = new File(System.getProperty("user.dir"));
        if (cmd.cwd() != null) {
            File d = new File(cmd.cwd());
            if (d.isDirectory()) {
                cwd = d;
            } else {
                warning = "Could not change dir to " + cmd.cwd() + ": "
                        + (d.exists() ? Errno.ENOTDIR : Errno.ENOENT).message() + ". Going to /tmp instead\n";
                cwd = new File("/tmp");
            }
            pb.directory(cwd);
        }
        String program;
        try {
            program = PathSearch.resolve(cmd.cmdline().get(0), env.get("PATH"), cwd);
        } catch (PathSearch.NotFound e) {
            throw RexecException.launchError(e.errno());
        }
        boolean group = setsid != null && (localFlags & RexecFlags.LOCAL_NO_SETPGRP) == 0;
        List<String> target = new ArrayList<>(cmd.cmdline());
        target.set(0, program);
        List<String> argv = new ArrayList<>();
        if (group) {
            argv.add(setsid);
        }
        argv.addAll(DefaultSignals.command(target));
        pb.command(argv);
        int helperArgs = argv.size() - target.size();

        boolean fallthrough = (localFlags & RexecFlags.LOCAL_STDIO_FALLTHROUGH) != 0;
        boolean readOut = !fallthrough && (background || (flags & RexecFlags.STDOUT) != 0);
        boolean readErr = !fallthrough && (background || (flags & RexecFlags.STDERR) != 0);
        boolean writeIn = !fallthrough && !background;
        if (fallthrough) {
            pb.inheritIO();
        } else {
            pb.redirectInput(writeIn ? Redirect.PIPE : Redirect.from(DEV_NULL));
            pb.redirectOutput(readOut ? Redirect.PIPE : Redirect.DISCARD);
            pb.redirectError(readErr ? Redirect.PIPE : Redirect.DISCARD);
        }
        int await = awaitReset ? helperArgs : 0;
        return new LaunchPlan(pb, group, await, warning, readOut, readErr, writeIn, out, err, in);
    }

    /**
     * Waits (on a spawn thread) until the process runs its program rather than a helper, or has
     * exited and been reaped: its {@code /proc/PID/cmdline} is no longer one of the helpers'. The
     * helpers take a millisecond or two, much more on a loaded machine; the pause between looks
     * grows from 50 us to 5 ms.
     */
    static void awaitProgram(Process process, LaunchPlan plan) {
        List<String> argv = plan.builder.command();
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        long pause = 50_000;
        while (process.isAlive() && runsHelper(cmdline, argv, plan.helperArgs)) {
            LockSupport.parkNanos(pause);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            pause = Math.min(pause * 2, 5_000_000);
        }
    }

    /**
     * Whether the command line is that of a helper: a helper's path first, and as many words as it
     * had. An empty one is an exec in progress (the new image has no arguments yet): still a helper.
     */
    private static boolean runsHelper(Path cmdline, List<String> argv, int helperArgs) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(cmdline);
        } catch (IOException e) {
            return false;
        }
        int words = 0;
        int first = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                words++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first < 0) {
            return true;
        }
        String name = new String(raw, 0, first, StandardCharsets.UTF_8);
        for (int i = 0; i < helperArgs; i++) {
            if (argv.get(i).equals(name) && argv.size() - i == words) {
                return true;
            }
        }
        return false;
    }

    /** Spawns the planned process (may be called on any thread). */
    static Process start(LaunchPlan plan) throws RexecException {
        try {
            return plan.builder.start();
        } catch (IOException e) {
            Matcher m = IO_ERRNO.matcher(String.valueOf(e.getMessage()));
            Errno errno = m.find() ? Errno.of(Integer.parseInt(m.group(1))) : null;
            throw RexecException.launchError(errno != null ? errno : Errno.EIO);
        }
    }
}
