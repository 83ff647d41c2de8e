package org.fluxj.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.junit.jupiter.api.Test;

/** Which requests a module still holds: finished by a final answer, dropped with their sender. */
class HeldRequestsTest {
    private final HeldRequests held = new HeldRequests();

    private static Message request(String sender, int matchtag, boolean streaming) {
        Message.Builder b = Message.request("mod.op").matchtag(matchtag).pushRoute(sender).pushRoute("connector");
        if (streaming) {
            b.streaming();
        }
        return b.build();
    }

    @Test
    void aPlainAnswerFinishesARequest() {
        Message req = request("a", 1, false);
        held.received(req);
        held.sent(Message.responseTo(req).build());
        assertEquals(List.of(), held.purge());
    }

    @Test
    void aStreamIsFinishedOnlyByAnError() {
        Message req = request("a", 1, true);
        held.received(req);
        held.sent(Message.responseTo(req).build());
        assertEquals(List.of(req), held.purge());
        held.received(req);
        held.sent(Message.errorResponse(req, Errno.ENODATA.number(), null));
        assertEquals(List.of(), held.purge());
    }

    @Test
    void sendersAreKeptApartAndADisconnectDropsOnlyItsOwn() {
        Message a = request("a", 1, true);
        Message b = request("b", 1, true);
        held.received(a);
        held.received(b);
        held.received(Message.request("mod.disconnect").noResponse().pushRoute("a").build());
        assertEquals(List.of(b), held.purge());
    }

    @Test
    void noresponseRequestsAndRequestsPassedOnAreNotHeld() {
        held.received(Message.request("mod.op").noResponse().pushRoute("a").build());
        Message req = request("a", 2, false);
        held.received(req);
        held.sent(req); // forwarded as it is: another answers it
        assertEquals(List.of(), held.purge());
    }
}
