package org.fluxj.kernel.api;

import org.fluxj.formats.msg.Message;

/** Receives an event, or a message a module routes on (a connector's responses). */
@FunctionalInterface
public interface MessageHandler {
    void handle(Message message) throws Exception;
}
