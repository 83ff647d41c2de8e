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
import java.util.function.BooleanSupplier;

/**
 * An instance of N brokers run as a user would: {@code bin/flux start --test-size=N OPTIONS sh -c 'echo
 * $FLUX_URI; exec cat'}. The initial program prints the URI once the instance is running (all brokers
 * online: the default quorum) and then waits on its stdin; {@link #close()} ends it, and with it the
 * instance. Each broker also listens on its own socket, {@code local://RUNDIR/local-RANK}.
 */
final class TestInstance implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;
    private final String uri;
    private final int size;
    private Integer status;

    TestInstance(int size, List<String> options, Map<String, String> env) throws IOException {
        this.size = size;
        List<String> cmd = new ArrayList<>();
        cmd.add(FluxCli.root().resolve("bin/flux").toString());
        cmd.add("start");
        cmd.add("--test-size=" + size);
        cmd.addAll(options);
        cmd.addAll(List.of("sh", "-c", "echo \"$FLUX_URI\"; exec cat"));
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

    TestInstance(int size, String... options) throws IOException {
        this(size, List.of(options), Map.of());
    }

    String uri() {
        return uri;
    }

    int size() {
        return size;
    }

    /** The local URI of a broker: its socket is {@code local-RANK} beside rank 0's. */
    String uri(int rank) {
        return uri.substring(0, uri.lastIndexOf('-') + 1) + rank;
    }

    Path rundir() {
        return Path.of(uri.substring("local://".length())).getParent();
    }

    FluxCli.Result flux(String... args) {
        return FluxCli.runWithInput(null, Map.of("FLUX_URI", uri), args);
    }

    FluxCli.Result fluxAt(int rank, String... args) {
        return FluxCli.runWithInput(null, Map.of("FLUX_URI", uri(rank)), args);
    }

    /** Runs flux against rank 0 and requires success; returns stdout. */
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

    /** Polls {@code condition} until it holds; fails the test after WAIT_SECONDS. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
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

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            finish();
        }
        Files.deleteIfExists(stderr);
    }
}
