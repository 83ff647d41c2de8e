package org.fluxj.kernel.rexec;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fluxj.formats.msg.Errno;

/**
 * Turns a command into a started child process. Each child leads a new process group: Java
 * cannot call setpgid(2), so the program is run through {@code setsid(1)}, which (the JVM's
 * children never being group leaders) calls setsid(2) and execs in place, keeping the pid. The
 * program is found here, before the spawn, so that a missing one is an ENOENT error rather than
 * setsid's exit 127.
 *
 * <p>flux-core's child sets every signal back to its default before the exec; a JVM cannot. When
 * the broker was started with signals ignored (a background job of a non-interactive shell
 * ignores SIGINT and SIGQUIT), its children would inherit that, and {@code flux exec}'s
 * forwarded Ctrl-C would do nothing; then the program runs through {@code env --default-signal}
 * (coreutils 8.31 or later), which execs in place as setsid does.
 */
final class Launcher {
    private static final Pattern IO_ERRNO = Pattern.compile("error=(\\d+)");
    private static final File DEV_NULL = new File("/dev/null");

    private final String setsid;
    private final String localUri;
    private final Map<String, String> serverEnv;
    private final String resetSignals;

    /**
     * @param setsid path of setsid(1), or null to run children in the broker's process group
     * @param localUri the broker's local URI, set as FLUX_URI in every child (null: left alone)
     */
    Launcher(String setsid, String localUri, Map<String, String> serverEnv) {
        this.setsid = setsid;
        this.localUri = localUri;
        this.serverEnv = Map.copyOf(serverEnv);
        this.resetSignals = ignoresSignals() ? findEnvDefaultSignal() : null;
    }

    /** Whether this process ignores any signal (SigIgn of /proc/self/status), which children inherit. */
    static boolean ignoresSignals() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: leave dispositions alone
        }
        return false;
    }

    /** env(1) if it has --default-signal (coreutils 8.31), probed once; else null. */
    private static String findEnvDefaultSignal() {
        for (String p : List.of("/usr/bin/env", "/bin/env")) {
            if (new File(p).canExecute()) {
                try {
                    Process probe = new ProcessBuilder(p, "--default-signal", "true")
                            .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
                    return probe.waitFor() == 0 ? p : null;
                } catch (IOException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
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
            throw PathSearch.launchError(Errno.EINVAL);
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
        String program = PathSearch.resolve(cmd.cmdline().get(0), env.get("PATH"), cwd);
        boolean group = setsid != null && (localFlags & RexecFlags.LOCAL_NO_SETPGRP) == 0;
        List<String> argv = new ArrayList<>(cmd.cmdline().size() + 1);
        if (group) {
            argv.add(setsid);
        }
        if (resetSignals != null && program.indexOf('=') < 0) {
            argv.add(resetSignals);
            argv.add("--default-signal");
        }
        argv.add(program);
        argv.addAll(cmd.cmdline().subList(1, cmd.cmdline().size()));
        pb.command(argv);

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
        return new LaunchPlan(pb, group, warning, readOut, readErr, writeIn, out, err, in);
    }

    /** Spawns the planned process (may be called on any thread). */
    static Process start(LaunchPlan plan) throws RexecException {
        try {
            return plan.builder.start();
        } catch (IOException e) {
            Matcher m = IO_ERRNO.matcher(String.valueOf(e.getMessage()));
            Errno errno = m.find() ? Errno.of(Integer.parseInt(m.group(1))) : null;
            throw PathSearch.launchError(errno != null ? errno : Errno.EIO);
        }
    }
}
