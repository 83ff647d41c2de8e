package org.fluxj.kernel.api;

import org.fluxj.formats.msg.Message;

/** Handles a request routed to a module; it answers through {@link ModuleContext#respond}. */
@FunctionalInterface
public interface RequestHandler {
    /**
     * Handles one request. A {@link RequestException} thrown here is answered as an error
     * response with its errno and text; any other exception as EPROTO/EINVAL with its message.
     */
    void handle(Message request) throws Exception;
}
