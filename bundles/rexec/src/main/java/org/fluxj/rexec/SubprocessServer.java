package org.fluxj.rexec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.proc.DefaultSignals;

/**
 * The RFC 42 subprocess server, apart from any router: it takes decoded requests for
 * {@code SERVICE.exec}, {@code .write}, {@code .kill}, {@code .list}, {@code .wait},
 * {@code .attach} and {@code .disconnect} and answers through its {@link Responder}. Requests
 * may be handed in on any thread; they are handled, and answered, in order on one serial
 * executor (the server's own thread, or one the host gives). No exception escapes: a request
 * the server cannot make sense of gets an error response.
 */
public final class SubprocessServer implements AutoCloseable {
    /** The broker's service name. */
    public static final String SERVICE = "rexec";
    /** The methods, as flux-core's server registers them. */
    public static final List<String> METHODS = List.of("exec", "write", "kill", "list", "wait", "attach", "disconnect");
    /** How long {@link #close} waits for the children to die (flux-core's rexec shutdown timeout). */
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final int SIGTERM = 15;

    private final String service;
    private final Responder responder;
    private final ServerLog log;
    private final Executor serial;
    private final ExecutorService ownSerial;
    private final ExecutorService spawn;
    private final ExecutorService io;
    private final Signaller signaller;
    private final Lifecycle lifecycle;
    private final Requests requests;
    private final ProcessTable table = new ProcessTable();

    private SubprocessServer(Builder b) {
        this.service = b.service;
        this.responder = b.responder;
        this.log = b.log;
        this.ownSerial = b.serial == null ? ServerThreads.serial(b.service) : null;
        this.serial = b.serial != null ? b.serial : ownSerial;
        this.spawn = ServerThreads.spawn(b.service, b.spawnThreads);
        this.io = ServerThreads.io(b.service);
        this.signaller = new ShellSignaller();
        String setsid = Launcher.findSetsid();
        if (setsid == null) {
            log.log(4, service + ": setsid(1) not found: children share the broker's process group");
        }
        if (DefaultSignals.prefix().isEmpty()) {
            log.log(4, service + ": env(1) has no --default-signal: children keep the broker's signal dispositions");
        }
        Launcher launcher = new Launcher(setsid, b.localUri, b.env);
        this.lifecycle = new Lifecycle(table, responder, log, b.rank, signaller, serial, spawn, io);
        this.requests = new Requests(table, lifecycle, launcher, responder, log);
    }

    /** A server answering through {@code responder}; see {@link Builder} for the rest. */
    public static Builder builder(Responder responder) {
        return new Builder(responder);
    }

    /** The service name; requests are for topics {@code service() + "." + METHOD}. */
    public String service() {
        return service;
    }

    /** The topics to register: {@code rexec.exec}, {@code rexec.write}, ... */
    public List<String> topics() {
        return METHODS.stream().map(m -> service + "." + m).collect(Collectors.toList());
    }

    /** Handles one request (any thread); answers go through the responder, on the serial executor. */
    public void handle(Message request) {
        serial.execute(() -> dispatch(request));
    }

    private void dispatch(Message request) {
        if (request.type() != MessageType.REQUEST) {
            return;
        }
        String topic = request.topic();
        String method = topic != null && topic.startsWith(service + ".") ? topic.substring(service.length() + 1) : "";
        try {
            switch (method) {
                case "exec":
                    requests.exec(request);
                    break;
                case "write":
                    requests.write(request);
                    break;
                case "kill":
                    requests.kill(request);
                    break;
                case "list":
                    requests.list(request);
                    break;
                case "wait":
                    requests.waitFor(request);
                    break;
                case "attach":
                    requests.attach(request);
                    break;
                case "disconnect":
                    requests.disconnect(request);
                    break;
                default:
                    throw new RexecException(Errno.ENOSYS, "unknown method " + topic);
            }
        } catch (RexecException e) {
            respondError(request, e.errno(), e.getMessage());
        } catch (RuntimeException e) {
            log.log(3, service + ": " + topic + ": " + e);
            respondError(request, Errno.EPROTO, String.valueOf(e.getMessage()));
        }
    }

    private void respondError(Message request, Errno errno, String text) {
        if (!request.isNoResponse()) {
            responder.respondError(request, errno.number(), text);
        }
    }

    /**
     * Stops taking new processes and signals the running ones ({@code signum}, SIGTERM as
     * flux-core's rexec module sends at broker shutdown); waitable zombies are dropped. The
     * stage completes when no process is left.
     */
    public CompletionStage<Void> shutdown(int signum) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serial.execute(() -> lifecycle.shutdown(signum).whenComplete((v, e) -> done.complete(null)));
        return done;
    }

    /** {@link #shutdown} with SIGTERM. */
    public CompletionStage<Void> shutdown() {
        return shutdown(SIGTERM);
    }

    /**
     * Kills every process (SIGKILL), waits for them up to 5 seconds, and stops the server's
     * threads. The responder is not called after this returns, except for late output.
     */
    @Override
    public void close() {
        try {
            shutdown(Lifecycle.SIGKILL).toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            log.log(3, service + ": subprocess server shutdown: some processes did not exit");
        }
        signaller.close();
        spawn.shutdownNow();
        io.shutdown();
        if (ownSerial != null) {
            ownSerial.shutdown();
        }
    }

    /** Configures a {@link SubprocessServer}. */
    public static final class Builder {
        private final Responder responder;
        private String service = SERVICE;
        private int rank;
        private String localUri;
        private ServerLog log = (severity, text) -> { };
        private Executor serial;
        private int spawnThreads = 2;
        private Map<String, String> env = System.getenv();

        private Builder(Responder responder) {
            this.responder = Objects.requireNonNull(responder, "responder");
        }

        /** The service name ({@code rexec}; {@code sdexec} or a shell's would differ). */
        public Builder service(String name) {
            this.service = Objects.requireNonNull(name, "service");
            return this;
        }

        /** This broker's rank, put in I/O objects and {@code list}. */
        public Builder rank(int r) {
            this.rank = r;
            return this;
        }

        /** The broker's {@code local-uri}, set as FLUX_URI in every child. */
        public Builder localUri(String uri) {
            this.localUri = uri;
            return this;
        }

        /** The broker log (background output and exits, errors). */
        public Builder log(ServerLog l) {
            this.log = Objects.requireNonNull(l, "log");
            return this;
        }

        /**
         * Runs the server on this executor, which must run tasks one at a time in order (a
         * module's thread); by default the server has a thread of its own.
         */
        public Builder executor(Executor e) {
            this.serial = e;
            return this;
        }

        /** How many threads spawn children at once (default 2). */
        public Builder spawnThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("spawnThreads < 1");
            }
            this.spawnThreads = n;
            return this;
        }

        /** The environment given to commands that bring none (default: the broker's). */
        public Builder env(Map<String, String> e) {
            this.env = Objects.requireNonNull(e, "env");
            return this;
        }

        public SubprocessServer build() {
            return new SubprocessServer(this);
        }
    }
}
