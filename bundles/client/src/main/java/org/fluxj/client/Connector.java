package org.fluxj.client;

import java.io.IOException;
import java.net.URI;
import org.fluxj.formats.msg.Message;

/**
 * Connects a {@link Handle} to a broker for one URI scheme (flux-core src/connectors). Found
 * by {@link java.util.ServiceLoader} outside OSGi (list the class in
 * {@code META-INF/services/org.fluxj.client.Connector}), or as an OSGi service inside one.
 */
public interface Connector {

    /** The URI scheme this connector serves ({@code local}, {@code ssh}). */
    String scheme();

    /** Opens a connection to the broker the URI names. */
    Connection connect(URI uri) throws IOException;

    /** A message stream to a broker; {@code send} may be called from any thread. */
    interface Connection extends AutoCloseable {
        void send(Message message) throws IOException;

        /** The next message, or null when the broker closed the connection. */
        Message receive() throws IOException;

        @Override
        void close();
    }
}
