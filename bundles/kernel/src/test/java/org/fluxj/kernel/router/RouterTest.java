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

    @Test
    void theRoutersOwnAnswersCarryTheBrokersCredential() {
        // flux-core's clients drop a response with an empty rolemask (msg_handler.c call_handler)
        Box client = new Box("c");
        router.attach(client);
        router.send(client, Message.request("nosuch.thing").matchtag(1).build());
        router.send(client, Message.request("kvs.lookup").nodeid(3).matchtag(2).build());
        for (Message m : client.got) {
            assertEquals(1000, m.userid());
            assertEquals(Roles.OWNER | Roles.LOCAL, m.rolemask());
            assertEquals(List.of(), m.routes());
        }
    }

    @Test
    void aResponseFromTheOverlayWithNoCredentialGetsTheBrokers() throws Exception {
        Box client = new Box("c");
        router.attach(client);
        Message req = Message.request("kvs.lookup").nodeid(1).matchtag(9).build().withRoutePushed("c");
        router.fromOverlay(Message.errorResponse(req, Errno.EHOSTUNREACH.number(), null));
        Message got = client.got.get(0);
        assertEquals(Roles.OWNER | Roles.LOCAL, got.rolemask());
        assertEquals(9, got.matchtag());
        // one that has a credential keeps it
        router.fromOverlay(Message.responseTo(req).cred(5000, Roles.USER).build());
        assertEquals(5000, client.got.get(1).userid());
        assertEquals(Roles.USER, client.got.get(1).rolemask());
    }

    @Test
    void enosysTextIsCutAsFluxCoresBufferCutsIt() throws Exception {
        Box client = new Box("c");
        router.attach(client);
        String topic = "a-rather-long-service-name.with-a-long-method-name";
        router.send(client, Message.request(topic).matchtag(1).build());
        String text = client.got.get(0).errorString();
        assertEquals(("No service matching " + topic + " is registered").substring(0, 63), text);
        assertEquals("No service matching x.y is registered", Router.noServiceText("x.y"));
        // never cut inside a character: 62 bytes, then a 2-byte one that does not fit
        String cut = Router.noServiceText("x".repeat(42) + "é");
        assertEquals(62, cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
