package org.fluxj.kernel.router;

import org.fluxj.formats.msg.Message;

/**
 * Something the router delivers messages to: a module, a built-in service, the broker itself.
 * Its uuid is the hop the router pushes on the route stack of the requests it sends.
 */
public interface Endpoint {

    String uuid();

    /** Takes a message; must not block (queue it for the endpoint's own thread). */
    void deliver(Message message);
}
