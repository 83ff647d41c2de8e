package org.fluxj.rexec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;

/**
 * A process's way through the server, as flux-core's server callbacks walk it: spawned, started,
 * output, exited, completed (exit plus end-of-file on every read stream), then removed, or kept
 * as a zombie if it is waitable until a {@code wait} or {@code attach} reaps it. Every method
 * runs on the serial executor; the spawn pool, the pipe readers and Java's process reaper only
 * post to it.
 */
final class Lifecycle {
    private static final int LOG_ERR = 3;
    private static final int LOG_INFO = 6;
    static final int SIGKILL = 9;

    private final ProcessTable table;
    private final Responder responder;
    private final ServerLog log;
    private final String rank;
    private final Signaller signaller;
    private final Executor serial;
    private final Executor spawn;
    private final Executor io;
    private CompletableFuture<Void> shutdown;

    Lifecycle(ProcessTable table, Responder responder, ServerLog log, int rank, Signaller signaller,
            Executor serial, Executor spawn, Executor io) {
        this.table = table;
        this.responder = responder;
        this.log = log;
        this.rank = Integer.toString(rank);
        this.signaller = signaller;
        this.serial = serial;
        this.spawn = spawn;
        this.io = io;
    }

    String rank() {
        return rank;
    }

    boolean shuttingDown() {
        return shutdown != null;
    }

    // ---------------------------------------------------------------- start

    /** Enters the process in the table and has it spawned off the serial executor. */
    void launch(Subprocess p) {
        table.add(p);
        spawn.execute(() -> {
            Process process;
            try {
                process = Launcher.start(p.plan);
            } catch (RexecException e) {
                serial.execute(() -> failed(p, e));
                return;
            }
            if (p.plan.helperArgs > 0) {
                Launcher.awaitProgram(process, p.plan);
            }
            serial.execute(() -> started(p, process));
            OutputPump.Sink sink = new OutputPump.Sink() {
                @Override
                public void data(String stream, byte[] data) {
                    serial.execute(() -> output(p, stream, data));
                }

                @Override
                public void eof(String stream) {
                    serial.execute(() -> eofReached(p, stream));
                }
            };
            if (p.plan.readStdout) {
                pump(new OutputPump(process.getInputStream(), "stdout", p.plan.stdout, sink));
            }
            if (p.plan.readStderr) {
                pump(new OutputPump(process.getErrorStream(), "stderr", p.plan.stderr, sink));
            }
            process.onExit().thenAccept(done -> serial.execute(() -> exited(p, done.exitValue())));
        });
    }

    private void pump(OutputPump pump) {
        io.execute(pump);
        pump.awaitReading();
    }

    private void started(Subprocess p, Process process) {
        p.process = process;
        p.pid = (int) process.pid();
        p.state = Subprocess.State.RUNNING;
        if (p.plan.readStdout) {
            p.openStreams.add("stdout");
        }
        if (p.plan.readStderr) {
            p.openStreams.add("stderr");
        }
        if (p.plan.writeStdin) {
            p.stdin = new StdinWriter(process.getOutputStream(), io, n -> serial.execute(() -> credit(p, n)));
        }
        if (p.request != null) {
            if ((p.flags & RexecFlags.WRITE_CREDIT) != 0) {
                responder.respond(p.request, Replies.credit("stdin", p.plan.stdin.bufsize));
            }
            responder.respond(p.request, Replies.started(p.pid));
        }
        if (p.background) {
            p.request = null;
        }
        if (p.plan.warning != null && p.plan.readStderr) {
            output(p, "stderr", p.plan.warning.getBytes(StandardCharsets.UTF_8));
        }
        if (p.killOnStart || shuttingDown()) {
            signalQuietly(p, SIGKILL);
        }
    }

    private void failed(Subprocess p, RexecException e) {
        p.state = Subprocess.State.FAILED;
        if (p.request != null) {
            responder.respondError(p.request, e.errno().number(), e.getMessage());
            p.request = null;
        }
        p.waitable = false;
        delete(p);
    }

    private void credit(Subprocess p, int bytes) {
        if (p.clientListening() && (p.flags & RexecFlags.WRITE_CREDIT) != 0 && p.isActive()) {
            responder.respond(p.request, Replies.credit("stdin", bytes));
        }
    }

    // ---------------------------------------------------------------- output and exit

    private void output(Subprocess p, String stream, byte[] data) {
        if (p.clientListening() && p.forwards(stream)) {
            responder.respond(p.request, Replies.output(p.pid, IoObject.encode(stream, rank, data, false)));
        }
        if (p.background) {
            String line = new String(data, StandardCharsets.UTF_8);
            if (line.endsWith("\n")) {
                line = line.substring(0, line.length() - 1);
            }
            log.log(stream.equals("stderr") ? LOG_ERR : LOG_INFO, p.name() + "[" + p.pid + "]: " + line);
        }
        if (p.isWaitable()) {
            if (p.retained == null) {
                p.retained = new RetainedOutput();
            }
            p.retained.add(stream, data);
        }
    }

    private void eofReached(Subprocess p, String stream) {
        p.openStreams.remove(stream);
        p.closedStreams.add(stream);
        if (p.clientListening() && p.forwards(stream)) {
            respondEof(p, p.request, stream);
        }
        checkCompleted(p);
    }

    void respondEof(Subprocess p, Message to, String stream) {
        responder.respond(to, Replies.output(p.pid, IoObject.encode(stream, rank, null, true)));
    }

    private void exited(Subprocess p, int exitValue) {
        p.exited = true;
        p.status = p.decodeExit(exitValue);
        if (p.clientListening()) {
            responder.respond(p.request, Replies.finished(p.status));
        }
        checkCompleted(p);
    }

    private void checkCompleted(Subprocess p) {
        if (p.state != Subprocess.State.RUNNING || !p.exited || !p.openStreams.isEmpty()) {
            return;
        }
        p.state = Subprocess.State.COMPLETED;
        if (p.background) {
            logExit(p);
        }
        if (p.clientListening()) {
            responder.respondError(p.request, Errno.ENODATA.number(), null);
            if (p.attached) {
                p.waitable = false; // an attached client got "finished": reaped (RFC 42)
                p.attached = false;
            }
            p.request = null;
        }
        delete(p);
    }

    private void logExit(Subprocess p) {
        String prefix = p.cmd.label() != null ? p.cmd.label() + ": " : "";
        if (WaitStatus.signaled(p.status)) {
            log.log(LOG_INFO, prefix + p.cmd.cmdline().get(0) + "[" + p.pid + "]: Killed by signal "
                    + WaitStatus.termSignal(p.status));
        } else {
            log.log(LOG_INFO, prefix + Subprocess.basename(p.cmd.cmdline().get(0)) + "[" + p.pid + "]: Exit "
                    + WaitStatus.exitStatus(p.status));
        }
    }

    // ---------------------------------------------------------------- reaping

    /**
     * Answers a pending wait of a completed process, then removes the process unless it stays
     * as a zombie (waitable, nobody has collected its status yet).
     */
    void delete(Subprocess p) {
        if (p.isWaitable() && !p.isActive() && p.waiter != null) {
            JsonNode reply = Replies.waited(p, rank);
            responder.respond(p.waiter, reply);
            p.waiter = null;
            p.waitable = false;
        }
        if (p.isWaitable()) {
            return;
        }
        table.remove(p);
        if (shutdown != null && table.isEmpty()) {
            shutdown.complete(null);
        }
    }

    // ---------------------------------------------------------------- signals

    /**
     * Signals a process as flux_subprocess_kill does: to its process group while it is active
     * (its leader may be gone while members hold its output open), else to the pid while it runs.
     */
    void signal(Subprocess p, int signum) throws RexecException {
        if (signum == 0) {
            throw new RexecException(Errno.EINVAL, Errno.EINVAL.message());
        }
        boolean allowed = p.plan.group ? p.isActive() : p.state == Subprocess.State.RUNNING && !p.exited;
        if (!allowed || p.state == Subprocess.State.INIT) {
            throw new RexecException(Errno.ESRCH, Errno.ESRCH.message());
        }
        if (signum > 0 && signum <= ShellSignaller.SIGNAL_MAX) {
            p.signalsSent.set(signum);
        }
        try {
            signaller.kill(p.pid, signum, p.plan.group);
        } catch (RexecException e) {
            // Just after the spawn, setsid(1) may not have made the group yet: then the child
            // is alone (it has forked nothing), and the pid is the whole of it.
            int pgrp = e.errno() == Errno.ESRCH && p.plan.group && !p.exited ? ProcStat.pgrp(p.pid) : -1;
            if (pgrp < 0) {
                throw e;
            }
            signaller.kill(p.pid, signum, pgrp == p.pid);
        }
    }

    /** SIGKILL or the like where nobody is waiting for an answer: failures are logged. */
    void signalQuietly(Subprocess p, int signum) {
        if (p.state == Subprocess.State.INIT) {
            p.killOnStart = true;
            return;
        }
        try {
            signal(p, signum);
        } catch (RexecException e) {
            if (e.errno() != Errno.ESRCH) {
                log.log(LOG_ERR, "subprocess_kill " + p.pid + " " + signum + ": " + e.getMessage());
            }
        }
    }

    /**
     * Begins shutdown: zombies are purged, the rest signalled; the future completes when the
     * table is empty. New execs are refused from now on.
     */
    CompletableFuture<Void> shutdown(int signum) {
        if (shutdown == null) {
            shutdown = new CompletableFuture<>();
        }
        for (Subprocess p : table.all()) {
            p.waitable = false;
            p.waiter = null;
            if (p.isActive()) {
                signalQuietly(p, signum);
            } else {
                delete(p);
            }
        }
        if (table.isEmpty()) {
            shutdown.complete(null);
        }
        return shutdown;
    }
}
