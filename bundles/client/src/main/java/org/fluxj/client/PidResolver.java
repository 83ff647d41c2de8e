package org.fluxj.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code pid:PID}: the FLUX_URI in a local process's environment; for a broker, that of its
 * first child (the initial program or an rc script), as the broker's own environment names
 * the enclosing instance, if any.
 */
public final class PidResolver implements UriResolver {

    @Override
    public String scheme() {
        return "pid";
    }

    @Override
    public String describe() {
        return "Get FLUX_URI for a given local PID";
    }

    @Override
    public String resolve(String path) throws IOException {
        String pid = path.split("/", 2)[0];
        if (!pid.matches("\\d+")) {
            throw new IOException("invalid PID '" + pid + "'");
        }
        Path proc = Path.of("/proc", pid);
        if (!Files.isDirectory(proc)) {
            throw new IOException("No such file or directory: '" + proc.resolve("status") + "'");
        }
        if (isBroker(proc)) {
            pid = firstChild(proc, pid);
            proc = Path.of("/proc", pid);
        }
        byte[] environ;
        try {
            environ = Files.readAllBytes(proc.resolve("environ"));
        } catch (NoSuchFileException e) {
            throw new IOException("No such file or directory: '" + proc.resolve("environ") + "'");
        }
        for (String var : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            if (var.startsWith("FLUX_URI=")) {
                return var.substring("FLUX_URI=".length());
            }
        }
        throw new IOException("PID " + pid + " doesn't seem to have a FLUX_URI");
    }

    /** flux-core's broker is flux-broker; fluxj's is a JVM running the launcher. */
    private static boolean isBroker(Path proc) throws IOException {
        try {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains("org.fluxj.launcher.Main") || cmdline.contains("flux-broker");
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static String firstChild(Path proc, String pid) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String children = Files.readString(task.resolve("children")).strip();
                    if (!children.isEmpty()) {
                        return children.split(" ")[0];
                    }
                } catch (NoSuchFileException e) {
                    // the thread ended
                }
            }
        }
        throw new IOException("PID " + pid + " is a flux-broker and no child found");
    }
}
