package org.fluxj.rexec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/**
 * The server's request handlers, one per RFC 42 method, with the checks and error texts of
 * flux-core's libsubprocess server. Each throws {@link RexecException} for the error response;
 * all run on the serial executor.
 */
final class Requests {
    private final ProcessTable table;
    private final Lifecycle lifecycle;
    private final Launcher launcher;
    private final Responder responder;
    private final ServerLog log;

    Requests(ProcessTable table, Lifecycle lifecycle, Launcher launcher, Responder responder, ServerLog log) {
        this.table = table;
        this.lifecycle = lifecycle;
        this.launcher = launcher;
        this.responder = responder;
        this.log = log;
    }

    /** {@code exec}: streaming runs in the foreground, non-streaming in the background. */
    void exec(Message request) throws RexecException {
        boolean background = !request.isStreaming();
        Payload payload = Payload.of(request);
        var cmdObject = payload.require("cmd");
        int flags = payload.requireInt("flags");
        Integer lf = payload.optInt("local_flags");
        int localFlags = lf != null ? lf : 0;
        if (lifecycle.shuttingDown()) {
            throw new RexecException(Errno.ENOSYS, "subprocess server is shutting down");
        }
        if (background && (flags & RexecFlags.WRITE_CREDIT) != 0) {
            throw new RexecException(Errno.EINVAL, "write-credit flag is not allowed in background mode");
        }
        if (background && (localFlags & RexecFlags.LOCAL_STDIO_FALLTHROUGH) != 0) {
            throw new RexecException(Errno.EINVAL, "stdio-fallthrough flag is not allowed in background mode");
        }
        Command cmd = Command.fromJson(cmdObject);
        if (cmd.label() != null && table.hasLabel(cmd.label())) {
            throw new RexecException(Errno.EEXIST, "command label is not unique");
        }
        if (cmd.cmdline().isEmpty()) {
            throw new RexecException(Errno.EPROTO, "command string is empty");
        }
        if (background && !cmd.channels().isEmpty()) {
            throw new RexecException(Errno.EINVAL, "auxiliary channels are not allowed in background mode");
        }
        if (!cmd.channels().isEmpty() || cmd.hasMsgchans()) {
            throw new RexecException(Errno.ENOTSUP, "auxiliary and message channels are not supported");
        }
        if ((flags & RexecFlags.WAITABLE) != 0 && !background) {
            throw new RexecException(Errno.EINVAL, "waitable flag only supported in background mode");
        }
        Subprocess p = new Subprocess(cmd, background, flags, launcher.plan(cmd, flags, localFlags, background));
        p.waitable = (flags & RexecFlags.WAITABLE) != 0;
        p.request = request;
        lifecycle.launch(p);
    }

    /**
     * {@code write} (no response): data or end-of-file for the stdin of the process that the
     * sender started with the exec of this matchtag. Data for a gone process is dropped quietly.
     */
    void write(Message request) {
        IoObject io;
        int matchtag;
        try {
            Payload payload = Payload.of(request);
            matchtag = payload.requireInt("matchtag");
            io = IoObject.decode(payload.require("io"));
        } catch (RexecException e) {
            log.log(3, "Error decoding rexec.write request: " + e.getMessage());
            return;
        }
        Subprocess p = table.findByClient(request, matchtag);
        if (p == null || p.state != Subprocess.State.RUNNING || p.exited || p.stdin == null) {
            return;
        }
        if (!io.stream.equals("stdin")) {
            log.log(3, "Error writing " + io.data.length + " bytes to subprocess " + io.stream);
            return;
        }
        p.stdin.write(io.data);
        if (io.eof) {
            p.stdin.close();
        }
    }

    /** {@code kill}: a signal to the process group of the process named by pid or label. */
    void kill(Message request) throws RexecException {
        Payload payload = Payload.of(request);
        int pid = payload.requireInt("pid");
        int signum = payload.requireInt("signum");
        String label = payload.optString("label");
        lifecycle.signal(table.find(pid, label), signum);
        responder.respond(request, null);
    }

    /** {@code list}: this rank's processes, R (running) or Z (waitable and exited). */
    void list(Message request) throws RexecException {
        Payload.ofOptional(request);
        ArrayNode procs = Json.array();
        for (Subprocess p : table.all()) {
            if (p.state != Subprocess.State.INIT) {
                procs.add(Replies.info(p));
            }
        }
        ObjectNode o = Json.object();
        o.put("rank", Integer.parseInt(lifecycle.rank()));
        o.set("procs", procs);
        responder.respond(request, o);
    }

    /** {@code wait}: the status (and retained output) of a waitable process, once it has exited. */
    void waitFor(Message request) throws RexecException {
        Payload payload = Payload.of(request);
        int pid = payload.requireInt("pid");
        String label = payload.optString("label");
        Subprocess p = table.find(pid, label);
        if (!p.isWaitable()) {
            throw new RexecException(Errno.EINVAL, "process is not waitable");
        }
        if (p.waiter != null) {
            throw new RexecException(Errno.EINVAL, "process is already being waited on");
        }
        if (p.attached) {
            throw new RexecException(Errno.EBUSY, "subprocess has a client attached");
        }
        p.waiter = request;
        lifecycle.delete(p);
    }

    /** {@code attach}: a new client takes over the output and state stream of a background process. */
    void attach(Message request) throws RexecException {
        Payload payload = Payload.of(request);
        int pid = payload.requireInt("pid");
        String label = payload.optString("label");
        int flags = payload.requireInt("flags");
        if (!request.isStreaming()) {
            throw new RexecException(Errno.EPROTO, "attach request is missing STREAMING flag");
        }
        Subprocess p;
        try {
            p = table.find(pid, label);
        } catch (RexecException e) {
            throw new RexecException(Errno.ENOENT, e.getMessage());
        }
        if (!p.background) {
            throw new RexecException(Errno.EBUSY, "subprocess is not in background mode");
        }
        if (p.attached) {
            throw new RexecException(Errno.EBUSY, "subprocess already has a client attached");
        }
        if (p.waiter != null) {
            throw new RexecException(Errno.EBUSY, "subprocess is being waited on");
        }
        p.flags = flags;
        responder.respond(request, Replies.attached(p.pid, p.cmd));
        for (String stream : p.closedStreams) {
            if (p.forwards(stream)) {
                lifecycle.respondEof(p, request, stream);
            }
        }
        if (!p.isActive()) {
            responder.respond(request, Replies.finished(p.status));
            responder.respondError(request, Errno.ENODATA.number(), null);
            p.waitable = false;
            lifecycle.delete(p);
            return;
        }
        p.request = request;
        p.attached = true;
    }

    /**
     * {@code disconnect}: the sender is gone. Its foreground processes are killed, processes it
     * was attached to go back to the background, and its pending waits are dropped.
     */
    void disconnect(Message request) {
        String sender = request.routeFirst();
        if (sender == null) {
            return;
        }
        for (Subprocess p : table.all()) {
            if (p.request != null && sender.equals(p.request.routeFirst())) {
                if (p.attached) {
                    p.attached = false;
                } else {
                    lifecycle.signalQuietly(p, Lifecycle.SIGKILL);
                }
                p.request = null;
            }
            if (p.waiter != null && sender.equals(p.waiter.routeFirst())) {
                p.waiter = null;
            }
        }
    }
}
