package org.fluxj.formats.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who and where this process is, as the C library says: gethostname(2), getuid(2), getgid(2).
 * The one place fluxj components read them.
 */
public final class Identity {
    private Identity() {
    }

    /** gethostname(2): the kernel's host name, without a DNS lookup where Linux offers it. */
    public static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The host name up to its first dot, as flux-core's broker names its host. */
    public static String shortHostname() {
        String h = hostname();
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    /** getuid(2): the owner of /proc/self. */
    public static int uid() throws IOException {
        return id("uid");
    }

    /** getgid(2): the group of /proc/self. */
    public static int gid() throws IOException {
        return id("gid");
    }

    private static int id(String kind) throws IOException {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:" + kind)).intValue();
        } catch (UnsupportedOperationException e) {
            throw new IOException("no unix:" + kind + " attribute on this platform", e);
        }
    }
}
