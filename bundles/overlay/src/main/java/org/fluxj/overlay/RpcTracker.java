package org.fluxj.overlay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fluxj.formats.msg.Message;

/**
 * Requests sent through one peer that still await their last response ({@code librouter/rpc_track.c}), so
 * that they can be failed with EHOSTUNREACH when the peer goes away. Keyed by sender (first route) and matchtag;
 * requests without a matchtag or flagged noresponse are not tracked. Used on the overlay thread only.
 */
final class RpcTracker {
    private record Key(String sender, int matchtag) {
    }

    private final Map<Key, Message> pending = new LinkedHashMap<>();

    /** Notes a request sent or a response received through this peer. */
    void update(Message msg) {
        switch (msg.type()) {
            case RESPONSE -> {
                if (msg.matchtag() != Message.MATCHTAG_NONE && (!msg.isStreaming() || msg.errnum() != 0)) {
                    pending.remove(new Key(msg.routeFirst(), msg.matchtag()));
                }
            }
            case REQUEST -> {
                if (!msg.isNoResponse() && msg.matchtag() != Message.MATCHTAG_NONE) {
                    pending.put(new Key(msg.routeFirst(), msg.matchtag()), msg);
                } else if (isDisconnect(msg)) {
                    String sender = msg.routeFirst();
                    pending.keySet().removeIf(k -> Objects.equals(k.sender(), sender));
                }
            }
            default -> {
            }
        }
    }

    /** Removes and returns every pending request. */
    List<Message> purge() {
        List<Message> all = new ArrayList<>(pending.values());
        pending.clear();
        return all;
    }

    int count() {
        return pending.size();
    }

    /** A "SERVICE.disconnect" request: its sender has gone, and so have its requests. */
    private static boolean isDisconnect(Message msg) {
        String topic = msg.hasTopic() ? msg.topic() : "";
        int i = topic.indexOf(".disconnect");
        return i >= 0 && topic.length() - i <= ".disconnect".length();
    }
}
