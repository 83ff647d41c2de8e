package org.fluxj.rexec;

/** A process ready to be started: what {@link Launcher#plan} decided, for {@link Launcher#start}. */
final class LaunchPlan {
    final ProcessBuilder builder;
    /** The child leads its own process group (signals go to the group). */
    final boolean group;
    /**
     * How many leading words of the command line are helpers (setsid, env) that exec the program,
     * when the broker ignores signals: until the program runs those are ignored, and a signal
     * sent then is lost, so the process is reported started only once it does. Else 0.
     */
    final int helperArgs;
    /** A line for the child's stderr, as flux-core's child prints it (bad cwd), or null. */
    final String warning;
    final boolean readStdout;
    final boolean readStderr;
    final boolean writeStdin;
    final StreamOptions stdout;
    final StreamOptions stderr;
    final StreamOptions stdin;

    LaunchPlan(ProcessBuilder builder, boolean group, int helperArgs, String warning, boolean readStdout,
            boolean readStderr, boolean writeStdin, StreamOptions stdout, StreamOptions stderr, StreamOptions stdin) {
        this.builder = builder;
        this.group = group;
        this.helperArgs = helperArgs;
        this.warning = warning;
        this.readStdout = readStdout;
        this.readStderr = readStderr;
        this.writeStdin = writeStdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = stdin;
    }
}
