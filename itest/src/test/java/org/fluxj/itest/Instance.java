package org.fluxj.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An instance run as a user would: {@code bin/flux LAUNCH... sh -c 'echo $FLUX_URI; exec cat'}.
 * The initial program prints the URI once the instance is running and then waits on its stdin;
 * {@link #finish()} ends it, and with it the instance. {@link TestBroker} launches one broker,
 * {@link TestInstance} several with {@code flux start}.
 */
abstract class Instance implements AutoCloseable {
    /** How long a test waits for an instance to exit before it fails (a bound, not a delay). */
    static final long WAIT_SECONDS = 60;

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;
    private final String uri;
    private Integer status;

    Instance(List<String> launch, Map<String, String> env) throws IOException {
        this(List.of(), launch, env);
    }

    /** An instance started through {@code wrapper} (for example {@code prlimit --nofile=N:N --}). */
    Instance(List<String> wrapper, List<String> launch, Map<String, String> env) throws IOException {
        List<String> args = new ArrayList<>(launch);
        args.addAll(List.of("sh", "-c", "echo \"$FLUX_URI\"; exec cat"));
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(FluxCli.command(args.toArray(String[]::new)));
        stderr = Files.createTempFile("instance-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().remove("FLUX_URI");
        pb.environment().putAll(env);
        process = pb.start();
        stdin = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        uri = out.readLine();
        if (uri == null || !uri.startsWith("local://")) {
            throw new IllegalStateException("instance did not start: " + Files.readString(stderr));
        }
    }

    String uri() {
        return uri;
    }

    Process process() {
        return process;
    }

    FluxCli.Result flux(String... args) {
        return FluxCli.runWithInput(null, Map.of("FLUX_URI", uri), args);
    }

    /** Runs flux and requires success; returns stdout. */
    String ok(String... args) {
        FluxCli.Result r = flux(args);
        if (r.status() != 0) {
            throw new AssertionError("flux " + String.join(" ", args) + " failed (" + r.status() + "): " + r.err());
        }
        return r.out();
    }

    /** The instance's stderr so far. */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the initial program and waits for the instance to exit; returns its status. */
    int finish() {
        if (status == null) {
            try {
                stdin.close();
                if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("instance did not exit: " + stderr());
                }
                status = process.exitValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return status;
    }

    /** Records the status of a process that ended another way (killed, shut down). */
    int exited(int exitStatus) {
        status = exitStatus;
        return status;
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            finish();
        }
        Files.deleteIfExists(stderr);
    }
}
