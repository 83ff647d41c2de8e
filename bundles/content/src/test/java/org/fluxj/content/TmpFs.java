package org.fluxj.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small tmpfs mounted for a test, to fill it up or make it read-only for real (the tests run
 * as root, for whom file permissions stop nothing). Tests that need one are skipped where
 * mount is not allowed. The end-to-end tests use it too, through this module's test-jar.
 */
public final class TmpFs implements AutoCloseable {
    public final Path dir;

    private TmpFs(Path dir) {
        this.dir = dir;
    }

    public static boolean available() {
        try {
            Path probe = Files.createTempDirectory("fluxj-tmpfs-probe");
            try {
                if (run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.toString()) != 0) {
                    return false;
                }
                return run("umount", probe.toString()) == 0;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false;
        }
    }

    public static TmpFs mount(long bytes) throws IOException {
        Path dir = Files.createTempDirectory("fluxj-tmpfs");
        // mode 0700: a tmpfs root is 1777 by default, and a broker makes a directory inside a sticky one
        if (run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", dir.toString()) != 0) {
            throw new IOException("mount tmpfs on " + dir + " failed");
        }
        return new TmpFs(dir);
    }

    public void readOnly() throws IOException {
        if (run("mount", "-o", "remount,ro", dir.toString()) != 0) {
            throw new IOException("remount ro " + dir + " failed");
        }
    }

    public void resize(long bytes) throws IOException {
        if (run("mount", "-o", "remount,size=" + bytes, dir.toString()) != 0) {
            throw new IOException("remount size=" + bytes + " " + dir + " failed");
        }
    }

    public void readWrite() throws IOException {
        if (run("mount", "-o", "remount,rw", dir.toString()) != 0) {
            throw new IOException("remount rw " + dir + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        run("umount", dir.toString());
        Files.deleteIfExists(dir);
    }

    private static int run(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
