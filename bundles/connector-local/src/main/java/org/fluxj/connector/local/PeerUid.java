package org.fluxj.connector.local;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The uid of a socket's peer. SO_PEERCRED gives the peer's user by name; the name is mapped
 * to a uid through /etc/passwd (then {@code id -u}), once per name for the connector's life.
 */
final class PeerUid {
    private final Map<String, Integer> cache = new ConcurrentHashMap<>();

    int uidOf(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String name = p.user().getName();
        Integer uid = cache.get(name);
        if (uid == null) {
            uid = lookup(name);
            cache.put(name, uid);
        }
        return uid;
    }

    private static int lookup(String name) throws IOException {
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name); // a uid with no passwd entry
        }
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[0].equals(name)) {
                return Integer.parseInt(f[2]);
            }
        }
        Process id = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
        String out = new String(id.getInputStream().readAllBytes()).strip();
        try {
            return Integer.parseInt(out);
        } catch (NumberFormatException e) {
            throw new IOException("cannot find uid of user " + name);
        }
    }
}
