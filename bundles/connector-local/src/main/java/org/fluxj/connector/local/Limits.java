package org.fluxj.connector.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.formats.msg.StreamFraming;

/**
 * The {@code [connector-local]} bounds on what clients may cost the broker: how many may be
 * connected at once, the largest message one may send (refused from its length prefix, before
 * any of it is buffered), and how many bytes of output may wait for one that does not read.
 * flux-core has no such table; its connector queues without bound.
 */
record Limits(long maxConnections, long maxMessageSize, long maxSendQueue) {
    static final long DEFAULT_MAX_CONNECTIONS = 4096;
    static final long DEFAULT_MAX_SEND_QUEUE = 64L << 20;

    static Limits from(JsonNode config) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "connector-local")
                .allowOnly("max-connections", "max-message-size", "max-send-queue");
        return new Limits(t.integer("max-connections", DEFAULT_MAX_CONNECTIONS, 1, Integer.MAX_VALUE),
                t.size("max-message-size", StreamFraming.DEFAULT_MAX_MESSAGE_SIZE, StreamFraming.PREFIX_SIZE,
                        Integer.MAX_VALUE),
                t.size("max-send-queue", DEFAULT_MAX_SEND_QUEUE, 0, Long.MAX_VALUE));
    }
}
