package org.fluxj.cmd.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.fluxj.client.FluxException;
import org.fluxj.client.Handle;
import org.fluxj.client.StreamingRpc;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.proc.WaitStatus;

/**
 * The foreground part of {@code flux exec}: one streaming {@code rexec.exec} (or
 * {@code rexec.attach}) per rank, and one thread, this one, that handles everything that
 * happens in the order it happens, as flux-exec.c's reactor does: responses (each rank's stream
 * is read by a small daemon thread that only queues them), stdin data, and signals. Output is
 * written as it arrives; stdin is read only as far as every running task has credit for.
 */
final class ExecSession {
    /** How flux-exec prefixes the errors it reports per rank. */
    static final String PREFIX = "flux-exec: ";

    /** RFC 42 exec flags. */
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int WRITE_CREDIT = 8;
    static final int WAITABLE = 16;

    private static final int SIGINT = 2;
    private static final int SIGKILL = 9;
    private static final int SIGUSR1 = 10;
    private static final long INTERRUPT_NANOS = 1_000_000_000L;
    private static final int STDIN_CHUNK = 1 << 20;

    /** What --attach names: a pid (positive) or a label. */
    record Target(int pid, String label) {
        static Target parse(String arg) {
            try {
                long v = Long.parseLong(arg);
                if (v > 0 && v <= Integer.MAX_VALUE) {
                    return new Target((int) v, null);
                }
            } catch (NumberFormatException e) {
                // a label
            }
            return new Target(-1, arg);
        }

        String describe() {
            return label != null ? "label " + label : "pid " + pid;
        }
    }

    private enum State { INIT, RUNNING, EXITED, DONE, FAILED }

    /** One rank's process. */
    private static final class Task {
        final int rank;
        StreamingRpc rpc;
        State state = State.INIT;
        int pid;
        int status;
        int credits;

        Task(int rank) {
            this.rank = rank;
        }
    }

    private sealed interface Event permits Response, End, Failure, StdinData, Signal {
    }

    private record Response(Task task, Message msg) implements Event {
    }

    private record End(Task task) implements Event {
    }

    private record Failure(Task task, IOException error) implements Event {
    }

    private record StdinData(byte[] data) implements Event {
    }

    private record Signal(int signum) implements Event {
    }

    boolean verbose;
    boolean quiet;
    boolean labelIo;
    boolean noinput;
    boolean flowControl = true;
    boolean useImp;
    Target attachTarget;

    private final PrintWriter err;
    private final Handle handle;
    private final String service;
    private final IdSet targets;
    private final List<Task> tasks = new ArrayList<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, IdSet> exitSets = new LinkedHashMap<>();
    private final IdSet hanging;
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private final long t0 = System.nanoTime();
    private int started;
    private int exitCode;
    private String name;

    // stdin: the reader thread waits for a grant (bytes it may read), reads, and queues what it read
    private final BlockingQueue<Integer> grants = new LinkedBlockingQueue<>();
    private boolean stdinGranted;
    private boolean stdinClosed;
    private int sigintCount;
    private long lastSigint;

    ExecSession(PrintWriter err, Handle handle, String service, IdSet targets) {
        this.err = err;
        this.handle = handle;
        this.service = service;
        this.targets = targets;
        this.hanging = targets.copy();
    }

    /** Starts the tasks and handles events until each has completed or failed; the exit status. */
    int run(ObjectNode command, String targetName) throws IOException {
        this.name = targetName;
        if (verbose) {
            err().printf("%fms: Starting %s on %s%n", sinceStart(), name, encode(targets));
        }
        int flags = STDOUT | STDERR | (flowControl ? WRITE_CREDIT : 0);
        for (int rank : targets) {
            Task t = new Task(rank);
            tasks.add(t);
            ObjectNode payload = Json.object();
            String topic;
            if (attachTarget != null) {
                topic = service + ".attach";
                payload.put("pid", attachTarget.pid());
                if (attachTarget.label() != null) {
                    payload.put("label", attachTarget.label());
                }
                payload.put("flags", STDOUT | STDERR);
            } else {
                topic = service + ".exec";
                payload.set("cmd", command);
                payload.put("flags", flags);
                payload.put("local_flags", 0);
            }
            t.rpc = handle.rpcStreaming(topic, payload, rank);
            daemon("flux-exec-rank" + rank, () -> read(t)).start();
        }
        if (verbose) {
            err().printf("%fms: Sent all requests%n", sinceStart());
        }
        if (noinput || attachTarget != null) {
            stdinClosed = true;
        } else {
            daemon("flux-exec-stdin", this::readStdin).start();
        }
        Signals.install(s -> events.add(new Signal(s)), "INT", "TERM");
        while (!allDone()) {
            Event e = take();
            Integer status = handle(e);
            if (status != null) {
                return status;
            }
        }
        if (verbose) {
            err().printf("%fms: %d tasks complete with code %d%n", sinceStart(), countIn(State.DONE, State.FAILED),
                    exitCode);
        }
        if (!quiet) {
            exitSets.forEach((what, ranks) -> err().printf("%s: %s%n", encode(ranks), what));
        }
        err().flush();
        return exitCode;
    }

    /** One event; a status if the command is to end now. */
    private Integer handle(Event e) {
        if (e instanceof Response r) {
            response(r.task, r.msg);
        } else if (e instanceof End end) {
            completed(end.task);
        } else if (e instanceof Failure f) {
            failed(f.task, f.error);
        } else if (e instanceof StdinData d) {
            stdin(d.data);
        } else if (e instanceof Signal s) {
            return signal(s.signum);
        }
        return null;
    }

    // ---------------------------------------------------------------- responses

    private void response(Task t, Message m) {
        JsonNode o;
        try {
            o = m.payloadObject();
        } catch (FormatException x) {
            failed(t, new FluxException(Errno.EPROTO.number(), null));
            return;
        }
        switch (o.path("type").asText()) {
            case "started", "attached" -> {
                t.pid = o.path("pid").asInt();
                running(t);
            }
            case "add-credit" -> {
                t.credits += o.path("channels").path("stdin").asInt();
                grantStdin();
            }
            case "output" -> output(t, o.path("io"));
            case "finished" -> {
                t.status = o.path("status").asInt();
                t.state = State.EXITED;
                grantStdin();
            }
            default -> { } // "stopped"
        }
    }

    private void running(Task t) {
        t.state = State.RUNNING;
        started++;
        if (stdinClosed && attachTarget == null) {
            write(t, null, true);
        }
        grantStdin();
    }

    private void output(Task t, JsonNode io) {
        JsonNode d = io.get("data");
        if (d == null || !d.isTextual() || d.textValue().isEmpty()) {
            return;
        }
        byte[] data = "base64".equals(io.path("encoding").asText(null))
                ? Base64.getDecoder().decode(d.textValue())
                : d.textValue().getBytes(StandardCharsets.UTF_8);
        PrintStream s = io.path("stream").asText().equals("stderr") ? stderr : stdout;
        if (labelIo) {
            s.print(t.rank + ": ");
        }
        s.write(data, 0, data.length);
        s.flush();
    }

    /** completion_cb: the stream ended after "finished"; the task's code counts for the status. */
    private void completed(Task t) {
        if (t.state == State.FAILED || t.state == State.DONE) {
            return;
        }
        t.state = State.DONE;
        int ec = 0;
        String what = null;
        if (WaitStatus.signaled(t.status)) {
            int sig = WaitStatus.termSignal(t.status);
            ec = 128 + sig;
            what = WaitStatus.strsignal(sig);
        } else {
            ec = WaitStatus.exitStatus(t.status);
            what = "Exit " + ec;
        }
        exitCode = Math.max(exitCode, ec);
        if (ec > 0) {
            exitSets.computeIfAbsent(what, k -> new IdSet()).set(t.rank);
        }
        hanging.clear(t.rank);
        grantStdin();
    }

    /** state FAILED: the exec (or the connection) failed; 126, 127 or 68 as a shell would say. */
    private void failed(Task t, IOException error) {
        if (t.state == State.FAILED || t.state == State.DONE) {
            return;
        }
        if (t.state == State.INIT) {
            started++;
        }
        t.state = State.FAILED;
        err().printf("%sError: rank %d: %s: %s%n", PREFIX, t.rank, name, error.getMessage());
        err().flush();
        int ec = 1;
        if (error instanceof FluxException f) {
            if (f.is(Errno.EPERM) || f.is(Errno.EACCES)) {
                ec = 126;
            } else if (f.is(Errno.ENOENT)) {
                ec = 127;
            } else if (f.is(Errno.EHOSTUNREACH)) {
                ec = 68;
            }
        }
        exitCode = Math.max(exitCode, ec);
        grantStdin();
    }

    // ---------------------------------------------------------------- stdin

    /**
     * Lets the stdin reader read once every task has started or failed: as much as the least
     * credit of the running tasks (or a megabyte without flow control), as flux-exec.c does.
     */
    private void grantStdin() {
        if (stdinClosed || stdinGranted || started < tasks.size()) {
            return;
        }
        int n = STDIN_CHUNK;
        if (flowControl) {
            n = Integer.MAX_VALUE;
            boolean any = false;
            for (Task t : tasks) {
                if (t.state == State.RUNNING) {
                    n = Math.min(n, t.credits);
                    any = true;
                }
            }
            if (!any || n <= 0) {
                return;
            }
            n = Math.min(n, STDIN_CHUNK);
        } else if (countIn(State.RUNNING) == 0) {
            return;
        }
        stdinGranted = true;
        grants.add(n); // at most one grant is outstanding: the next comes after its data
    }

    private void stdin(byte[] data) {
        stdinGranted = false;
        boolean eof = data.length == 0;
        for (Task t : tasks) {
            if (t.state == State.RUNNING) {
                write(t, eof ? null : data, eof);
                if (flowControl) {
                    t.credits -= data.length;
                }
            }
        }
        if (eof) {
            stdinClosed = true;
        } else {
            grantStdin();
        }
    }

    /** rexec.write: data for a task's stdin, or its end. */
    private void write(Task t, byte[] data, boolean eof) {
        ObjectNode io = Json.object();
        io.put("stream", "stdin");
        io.put("rank", "0");
        if (data != null && data.length > 0) {
            String text = utf8(data);
            if (text != null) {
                io.put("data", text);
            } else {
                io.put("encoding", "base64");
                io.put("data", Base64.getEncoder().encodeToString(data));
            }
        }
        if (eof) {
            io.put("eof", true);
        }
        ObjectNode o = Json.object();
        o.put("matchtag", t.rpc.matchtag());
        o.set("io", io);
        try {
            handle.send(Message.request(service + ".write").nodeid(t.rank).noResponse().payloadJson(o).build());
        } catch (IOException e) {
            // the connection is gone: the task's stream reports it
        }
    }

    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The stdin reader thread: read what is granted, queue it; an empty array is end-of-file. */
    private void readStdin() {
        InputStream in = System.in;
        byte[] buf = new byte[STDIN_CHUNK];
        try {
            while (true) {
                int n = grants.take();
                int got;
                try {
                    got = in.read(buf, 0, Math.min(n, buf.length));
                } catch (IOException e) {
                    got = -1;
                }
                events.add(new StdinData(got <= 0 ? new byte[0] : Arrays.copyOf(buf, got)));
                if (got <= 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- signals

    /** signal_cb: forward to running tasks; a third SIGINT within a second of the last ends us. */
    private Integer signal(int signum) {
        if (signum == SIGINT && attachTarget != null) {
            String what = attachTarget.label() != null ? attachTarget.label() : Integer.toString(attachTarget.pid());
            err().printf("detached; use 'flux sproc kill %s' to signal it%n", what);
            err().flush();
            return 0;
        }
        long now = System.nanoTime();
        if (signum == SIGINT && sigintCount >= 2 && now - lastSigint < INTERRUPT_NANOS) {
            err().printf("%s: command still running at exit%n", encode(hanging));
            err().flush();
            return 1;
        }
        if (verbose) {
            err().printf("sending signal %d to %d running processes%n", signum, countIn(State.RUNNING));
        }
        for (Task t : tasks) {
            if (t.state == State.RUNNING) {
                kill(t, useImp && signum == SIGKILL ? SIGUSR1 : signum);
            }
        }
        if (signum == SIGINT) {
            if (sigintCount > 0) {
                err().printf("interrupt (Ctrl+C) one more time within %.2f sec to exit%n", INTERRUPT_NANOS / 1e9);
            }
            lastSigint = now;
            sigintCount++;
        }
        err().flush();
        return null;
    }

    private void kill(Task t, int signum) {
        ObjectNode o = Json.object();
        o.put("pid", t.pid);
        o.put("signum", signum);
        handle.rpc(service + ".kill", o, t.rank).whenComplete((m, e) -> {
            if (e != null && verbose) {
                err().printf("failed to signal rank %d: %s%n", t.rank, e.getMessage());
                err().flush();
            }
        });
    }

    // ---------------------------------------------------------------- plumbing

    /** A rank's stream reader: queues each response, then the end or the failure. */
    private void read(Task t) {
        try {
            for (Message m = t.rpc.next(); m != null; m = t.rpc.next()) {
                events.add(new Response(t, m));
            }
            events.add(new End(t));
        } catch (IOException e) {
            events.add(new Failure(t, e));
        }
    }

    private Event take() throws IOException {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private boolean allDone() {
        return countIn(State.DONE, State.FAILED) == tasks.size();
    }

    private int countIn(State... states) {
        int n = 0;
        for (Task t : tasks) {
            for (State s : states) {
                if (t.state == s) {
                    n++;
                }
            }
        }
        return n;
    }

    private double sinceStart() {
        return (System.nanoTime() - t0) / 1e6;
    }

    private PrintWriter err() {
        return err;
    }

    static String encode(IdSet ids) {
        return ids.encode(IdSet.Flag.RANGE, IdSet.Flag.BRACKETS);
    }

    private static Thread daemon(String threadName, Runnable r) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }
}
