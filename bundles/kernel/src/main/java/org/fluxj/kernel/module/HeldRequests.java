package org.fluxj.kernel.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;

/**
 * Requests delivered to a module that it has not finished answering, keyed by sender (first
 * route) and matchtag as flux-core's {@code librouter/rpc_track.c}: a request is finished by a
 * response that is not streaming, or by a streaming one with an error. What a module still
 * holds when it is unloaded is answered for it, so that no client waits forever. Requests
 * flagged noresponse or without a matchtag are not kept. Thread-safe: a module may answer
 * from any thread.
 */
final class HeldRequests {
    private record Key(String sender, int matchtag) {
    }

    private final Map<Key, Message> held = new LinkedHashMap<>();

    /** A message delivered to the module. */
    synchronized void received(Message m) {
        if (m.type() != MessageType.REQUEST) {
            return;
        }
        if (!m.isNoResponse() && m.matchtag() != Message.MATCHTAG_NONE) {
            held.put(key(m), m);
        } else if (m.hasTopic() && m.topic().endsWith(".disconnect")) {
            // the sender is gone, and with it whatever it was waiting for
            String sender = m.routeFirst();
            held.keySet().removeIf(k -> k.sender().equals(sender));
        }
    }

    /** A message the module sent: an answer, or a held request passed on for another to answer. */
    synchronized void sent(Message m) {
        switch (m.type()) {
            case RESPONSE -> {
                if (!m.isStreaming() || m.errnum() != 0) {
                    held.remove(key(m));
                }
            }
            case REQUEST -> {
                if (m.routeCount() > 0) {
                    held.remove(key(m));
                }
            }
            default -> {
            }
        }
    }

    /** Removes and returns every request still held. */
    synchronized List<Message> purge() {
        List<Message> all = new ArrayList<>(held.values());
        held.clear();
        return all;
    }

    private static Key key(Message m) {
        String sender = m.routeFirst();
        return new Key(sender == null ? "" : sender, m.matchtag());
    }
}
