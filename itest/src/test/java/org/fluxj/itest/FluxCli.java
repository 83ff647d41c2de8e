package org.fluxj.itest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.proc.DefaultSignals;

/** Runs the repository's {@code bin/flux} as a user would, and captures what it did. */
public final class FluxCli {

    /** What one run of {@code flux} did. */
    public record Result(int status, String out, String err) {
        /** stdout split into lines. */
        public List<String> lines() {
            return out.lines().toList();
        }
    }

    private FluxCli() {
    }

    public static Path root() {
        String root = System.getProperty("fluxj.root");
        if (root == null) {
            throw new IllegalStateException("system property fluxj.root is not set (run through Maven)");
        }
        return Path.of(root);
    }

    /**
     * The command line of {@code bin/flux ARGS} begun as flux-core begins its subprocesses:
     * every signal at its default and none blocked, whatever this JVM inherited (a build run in
     * the background ignores SIGINT, and the JVM's threads block SIGQUIT).
     */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("bin/flux").toString());
        command.addAll(List.of(args));
        return defaultSignals(command);
    }

    /** Any other command line begun that way (see {@link #command}). */
    public static List<String> defaultSignals(String... argv) {
        return defaultSignals(List.of(argv));
    }

    /** Through {@code env --default-signal}, as the broker starts its children ({@link DefaultSignals}). */
    private static List<String> defaultSignals(List<String> argv) {
        return DefaultSignals.command(argv);
    }

    public static Result run(String... args) {
        return runWithInput(null, Map.of(), args);
    }

    public static Result runWithInput(String stdin, Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("flux-out", ".txt");
            Path err = Files.createTempFile("flux-err", ".txt");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                if (stdin == null) {
                    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                Process p = pb.start();
                if (stdin != null) {
                    try (var in = p.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                int status = p.waitFor();
                return new Result(status, Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
