package org.fluxj.connector.local;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.fluxj.formats.proc.Identity;

/**
 * The uid of a socket's peer. SO_PEERCRED gives the peer's user by name; the name is mapped
 * to a uid ({@link Identity#uidOf}) once per name for the connector's life.
 */
final class PeerUid {
    private final Map<String, Integer> cache = new ConcurrentHashMap<>();

    int uidOf(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String name = p.user().getName();
        Integer uid = cache.get(name);
        if (uid == null) {
            uid = (int) Identity.uidOf(name).orElseThrow(() -> new IOException("cannot find uid of user " + name));
            cache.put(name, uid);
        }
        return uid;
    }
}
