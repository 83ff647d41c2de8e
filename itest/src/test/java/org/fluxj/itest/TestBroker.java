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

/**
 * A size-1 instance run as a user would: {@code bin/flux broker OPTIONS sh -c 'echo
 * $FLUX_URI; exec cat'}. The initial program prints the URI once the instance is running and
 * then waits on its stdin; {@link #close()} ends it, and with it the instance.
 */
final class TestBroker implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final Path stderr;
    private final String uri;
    private Integer status;

    TestBroker(List<String> options, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(FluxCli.root().resolve("bin/flux").toString());
        cmd.add("broker");
        cmd.addAll(options);
        cmd.addAll(List.of("sh", "-c", "echo \"$FLUX_URI\"; exec cat"));
        stderr = Files.createTempFile("broker-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().remove("FLUX_URI");
        pb.environment().putAll(env);
        process = pb.start();
        stdin = process.getOutputStream();
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        uri = stdout.readLine();
        if (uri == null || !uri.startsWith("local://")) {
            throw new IllegalStateException("broker did not start: " + Files.readString(stderr));
        }
    }

    TestBroker(String... options) throws IOException {
        this(List.of(options), Map.of());
    }

    String uri() {
        return uri;
    }

    /** The socket path of the local connector. */
    Path socket() {
        return Path.of(uri.substring("local://".length()));
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

    /** The broker's stderr so far. */
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
                status = process.waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return status;
    }

    /** SIGKILLs the broker (bin/flux broker execs the JVM, so this is the broker itself) and reaps it. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        status = process.waitFor();
        return status;
    }

    /** Waits for the broker process to exit by itself (after flux shutdown). */
    int waitFor() throws InterruptedException {
        status = process.waitFor();
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
