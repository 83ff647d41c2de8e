package org.fluxj.rexec;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;

/**
 * One process of the server's table and all the server knows of it. Touched only on the
 * server's serial executor.
 */
final class Subprocess {
    enum State {
        /** Being spawned; no pid yet. */
        INIT,
        /** Started; until its exit and every read stream's end-of-file. */
        RUNNING,
        /** Exited and all of its output read: a zombie if waitable, else about to go. */
        COMPLETED,
        /** Could not be started. */
        FAILED
    }

    final Command cmd;
    /** How the process was started (a non-streaming exec); never changes. */
    final boolean background;
    final LaunchPlan plan;

    State state = State.INIT;
    int pid;
    Process process;
    StdinWriter stdin;
    /** The forwarding flags: the exec's, or the current attach's. */
    int flags;
    boolean waitable;
    /** A client attached to this background process. */
    boolean attached;
    /** The request responses go to: the exec (foreground), the attach, else null. */
    Message request;
    /** A pending wait request. */
    Message waiter;
    /** SIGKILL as soon as it starts (its requester left while it was spawning). */
    boolean killOnStart;

    boolean exited;
    int status;
    final Set<String> openStreams = new LinkedHashSet<>();
    final Set<String> closedStreams = new LinkedHashSet<>();
    /** Signals the server sent it, to tell "killed by signal N" from "exit 128+N" (see {@link #decodeExit}). */
    final BitSet signalsSent = new BitSet();
    RetainedOutput retained;

    Subprocess(Command cmd, boolean background, int flags, LaunchPlan plan) {
        this.cmd = cmd;
        this.background = background;
        this.flags = flags;
        this.plan = plan;
    }

    boolean isActive() {
        return state == State.INIT || state == State.RUNNING;
    }

    boolean isWaitable() {
        return background && waitable;
    }

    /** A foreground process always has a client; a background one while attached. */
    boolean clientListening() {
        return (!background || attached) && request != null;
    }

    boolean forwards(String stream) {
        int bit = stream.equals("stdout") ? RexecFlags.STDOUT
                : stream.equals("stderr") ? RexecFlags.STDERR : RexecFlags.CHANNEL;
        return (flags & bit) != 0;
    }

    String name() {
        return cmd.label() != null ? cmd.label() : basename(cmd.cmdline().get(0));
    }

    static String basename(String path) {
        int i = path.lastIndexOf('/');
        return i >= 0 ? path.substring(i + 1) : path;
    }

    /**
     * The wait status of Java's exit value. Java reports death by signal N as 128+N, which an
     * {@code exit(128+N)} also gives; it is taken as the signal when this server sent N to the
     * process, else as the exit code.
     */
    int decodeExit(int exitValue) {
        int sig = exitValue - 128;
        if (sig > 0 && sig <= ShellSignaller.SIGNAL_MAX && signalsSent.get(sig)) {
            return WaitStatus.killed(sig);
        }
        return WaitStatus.exited(exitValue);
    }
}
