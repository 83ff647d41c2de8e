package org.fluxj.formats.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Who and where this process is, as the C library says: gethostname(2), getuid(2), getgid(2),
 * and a user's uid by name (getpwnam(3)).
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

    /**
     * getpwnam(3)'s uid for a user name: /etc/passwd, then {@code id -u} (users from NSS); a
     * name of digits is a uid with no passwd entry. Empty if none is known.
     */
    public static OptionalLong uidOf(String name) {
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return OptionalLong.of(Long.parseLong(name));
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[0].equals(name)) {
                    return OptionalLong.of(Long.parseLong(f[2]));
                }
            }
            Process id = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).strip();
            return id.waitFor() == 0 ? OptionalLong.of(Long.parseLong(out)) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
