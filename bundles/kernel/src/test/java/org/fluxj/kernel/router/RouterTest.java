package org.fluxj.kernel.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageType;
import org.fluxj.formats.msg.Roles;
import org.junit.jupiter.api.Test;

/** Routing on a synchronous "broker thread": services, route stacks, errors, events. */
class RouterTest {
    private final List<String> logged = new ArrayList<>();
    private final Router router = new Router(Runnable::run, 0, 1000, (s, a, t) -> logged.add(t));

    private static final class Box implements Endpoint {
        final String uuid;
        final List<Message> got = new ArrayList<>();

        Box(String uuid) {
            this.uuid = uuid;
        }

        @Override
        public String uuid() {
            return uuid;
        }

        @Override
        public void deliver(Message m) {
            got.add(m);
        }
    }

    @Test
    void requestToServiceAndResponseBackAlongTheRouteStack() {
        Box client = new Box("client-uuid");
        Box service = new Box("service-uuid");
        router.attach(client);
        router.attach(service);
        router.addService("kvs", service.uuid(), e -> { });
        router.send(client, Message.request("kvs.lookup").matchtag(7).build());
        Message req = service.got.get(0);
        assertEquals(List.of("client-uuid"), req.routes());
        assertEquals(1000, req.userid(), "stamped with the owner's credential");
        assertEquals(Roles.OWNER | Roles.LOCAL, req.rolemask());
        router.send(service, Message.responseTo(req).build());
        Message resp = client.got.get(0);
        assertEquals(MessageType.RESPONSE, resp.type());
        assertEquals(7, resp.matchtag());
        assertEquals(List.of(), resp.routes());
    }

    @Test
    void noServiceIsEnosysAndAnotherRankIsEhostunreach() {
        Box client = new Box("c");
        router.attach(client);
        router.send(client, Message.request("nosuch.thing").matchtag(1).build());
        assertEquals(Errno.ENOSYS.number(), client.got.get(0).errnum());
        router.send(client, Message.request("kvs.lookup").nodeid(3).matchtag(2).build());
        assertEquals(Errno.EHOSTUNREACH.number(), client.got.get(1).errnum());
        router.send(client, Message.request("nosuch.thing").noResponse().build());
        assertEquals(2, client.got.size(), "no response to a noresponse request");
    }

    @Test
    void detachedServiceGetsEnosys() {
        Box client = new Box("c");
        Box service = new Box("s");
        router.attach(client);
        router.attach(service);
        router.addService("mod", "s", e -> { });
        router.detach("s");
        router.send(client, Message.request("mod.ping").matchtag(1).build());
        assertEquals(Errno.ENOSYS.number(), client.got.get(0).errnum());
    }

    @Test
    void serviceNameTakenIsEexist() {
        List<Errno> results = new ArrayList<>();
        router.addService("x", "a", results::add);
        router.addService("x", "b", results::add);
        assertEquals(null, results.get(0));
        assertEquals(Errno.EEXIST, results.get(1));
    }

    @Test
    void eventsAreSequencedAndDeliveredToPrefixSubscribers() {
        Box a = new Box("a");
        Box b = new Box("b");
        router.attach(a);
        router.attach(b);
        router.subscribe("a", "heartbeat.");
        router.subscribe("b", "");
        router.send(a, Message.event("heartbeat.pulse").build());
        router.send(a, Message.event("other").build());
        assertEquals(1, a.got.size());
        assertEquals(1, a.got.get(0).sequence());
        assertEquals(2, b.got.size());
        assertEquals(2, b.got.get(1).sequence());
        assertTrue(logged.isEmpty());
    }
}
