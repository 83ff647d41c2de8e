package org.fluxj.formats.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.json.Json;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void defaultsFollowFluxMsgCreate() {
        Message r = Message.builder(MessageType.REQUEST).build();
        assertEquals(Message.USERID_UNKNOWN, r.userid());
        assertEquals(Roles.NONE, r.rolemask());
        assertEquals(Message.NODEID_ANY, r.nodeid());
        assertEquals(Message.MATCHTAG_NONE, r.matchtag());
        assertEquals(0, r.flags());
        assertFalse(r.routesEnabled());
        assertNull(r.topic());
        assertNull(r.payload());
        Message e = Message.event("t").build();
        assertEquals(0, e.sequence());
        assertEquals(MessageFlags.TOPIC | MessageFlags.ROUTE, e.flags());
    }

    @Test
    void accessorsCheckTheType() {
        Message e = Message.event("t").build();
        assertThrows(IllegalStateException.class, e::matchtag);
        assertThrows(IllegalStateException.class, e::nodeid);
        assertThrows(IllegalStateException.class, e::errnum);
        assertThrows(IllegalStateException.class, e::controlType);
        assertThrows(IllegalStateException.class, () -> Message.request("x").errnum(1));
        assertThrows(IllegalStateException.class, () -> Message.builder(MessageType.CONTROL).topic("x"));
        assertThrows(IllegalArgumentException.class, () -> Message.request("x").nodeid(Message.NODEID_UPSTREAM));
    }

    @Test
    void routeStack() {
        Message m = Message.request("t").build();
        assertTrue(m.routesEnabled());
        assertEquals(0, m.routeCount());
        assertNull(m.routeFirst());
        Message m2 = m.withRoutePushed("sender").withRoutePushed("hop1").withRoutePushed("0123456789abcdef");
        assertEquals(List.of("sender", "hop1", "0123456789abcdef"), m2.routes());
        assertEquals("sender", m2.routeFirst());
        assertEquals("0123456789abcdef", m2.routeLast());
        assertEquals(3, m2.routeCount());
        assertEquals("sender!hop1!01234567", m2.routeString());
        Message m3 = m2.withRouteDeletedLast();
        assertEquals("hop1", m3.routeLast());
        assertEquals(List.of(), m3.withRoutesCleared().routes());
        assertTrue(m3.withRoutesCleared().routesEnabled());
        Message off = m3.withRoutesDisabled();
        assertFalse(off.routesEnabled());
        assertEquals(0, off.flags() & MessageFlags.ROUTE);
        assertThrows(IllegalStateException.class, () -> off.withRoutePushed("x"));
        assertThrows(IllegalStateException.class, off::withRouteDeletedLast);
        assertSame(m, m.withRouteDeletedLast());
        assertThrows(IllegalArgumentException.class, () -> m.withRoutePushed(""));
        assertThrows(IllegalArgumentException.class, () -> m.withRoutePushed("a\0b"));
        assertThrows(UnsupportedOperationException.class, () -> m2.routes().add("x"));
    }

    @Test
    void responseDerivesAsFluxCoreDoes() throws FormatException {
        Message req = Message.request("job-manager.submit").nodeid(0).matchtag(17).cred(1000, Roles.USER)
                .streaming().setFlags(MessageFlags.UPSTREAM | MessageFlags.USER1)
                .payloadString("{}").pushRoute("client").build();
        Message resp = Message.responseTo(req).payloadJson(Json.object().put("id", 5)).build();
        assertEquals(MessageType.RESPONSE, resp.type());
        assertEquals("job-manager.submit", resp.topic());
        assertEquals(17, resp.matchtag());
        assertEquals(0, resp.errnum());
        assertEquals(Message.USERID_UNKNOWN, resp.userid());
        assertEquals(Roles.NONE, resp.rolemask());
        assertEquals(List.of("client"), resp.routes());
        // all request flags are kept (flux_msg_copy copies the proto), payload replaced
        assertEquals(req.flags(), resp.flags());
        assertEquals(5, resp.payloadObject().get("id").intValue());
        assertNull(resp.errorString());

        Message err = Message.errorResponse(req, Errno.ENOSYS.number(), null);
        assertEquals(38, err.errnum());
        assertFalse(err.hasPayload());
        assertNull(err.errorString());
        assertEquals(Errno.EINVAL.number(), Message.errorResponse(req, 0, "x").errnum());

        Message nr = Message.request("x").noResponse().build();
        assertThrows(IllegalArgumentException.class, () -> Message.responseTo(nr));
        assertThrows(IllegalArgumentException.class, () -> Message.responseTo(Message.event("x").build()));
    }

    @Test
    void streamingAndNoResponseExcludeEachOther() {
        Message a = Message.request("x").noResponse().streaming().build();
        assertTrue(a.isStreaming());
        assertFalse(a.isNoResponse());
        Message b = Message.request("x").streaming().noResponse().build();
        assertTrue(b.isNoResponse());
        assertFalse(b.isStreaming());
    }

    @Test
    void flagsFollowParts() {
        Message.Builder b = Message.request("x").payload(new byte[] {1});
        assertEquals(MessageFlags.TOPIC | MessageFlags.PAYLOAD | MessageFlags.ROUTE, b.build().flags());
        assertEquals(MessageFlags.ROUTE | MessageFlags.PAYLOAD, b.topic(null).build().flags());
        assertEquals(MessageFlags.ROUTE, b.payload(new byte[0]).build().flags());
        assertEquals(0, b.clearFlags(MessageFlags.ROUTE).build().flags());
        assertThrows(IllegalArgumentException.class, () -> b.setFlags(MessageFlags.TOPIC));
        assertThrows(IllegalArgumentException.class, () -> b.setFlags(0x100));
        assertEquals(MessageFlags.ROUTE | MessageFlags.PRIVATE,
                b.setFlags(MessageFlags.ROUTE).makePrivate().build().flags());
    }

    @Test
    void stringPayloads() throws FormatException {
        Message m = Message.event("x").payloadString("héllo").build();
        assertArrayEquals(new byte[] {'h', (byte) 0xc3, (byte) 0xa9, 'l', 'l', 'o', 0}, m.payload());
        assertEquals("héllo", m.payloadString());
        assertThrows(IllegalArgumentException.class, () -> Message.event("x").payloadString("a\0b"));
        Message raw = Message.event("x").payload(new byte[] {'a', 'b'}).build();
        FormatException e = assertThrows(FormatException.class, raw::payloadString);
        assertEquals("message: payload is not a NUL-terminated string", e.getMessage());
        // C semantics: the string ends at the first NUL
        assertEquals("a", Message.event("x").payload(new byte[] {'a', 0, 'b', 0}).build().payloadString());
        assertNull(Message.event("x").build().payloadString());
        assertThrows(FormatException.class, () -> Message.event("x").build().payloadObject());
        assertThrows(FormatException.class, () -> Message.event("x").payloadString("[1]").build().payloadObject());
        assertEquals(1, Message.event("x").payloadString("[1]").build().payloadJson().size());
        assertThrows(IllegalArgumentException.class,
                () -> Message.event("x").payloadJson(Json.mapper().createArrayNode()));
    }

    /** A JSON payload is read from its bytes, checked as a string payload is checked. */
    @Test
    void jsonPayloadsAreReadAsStringPayloads() throws FormatException {
        byte[] json = "{\"k\":\"h\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(json, json.length + 4); // then NUL, junk, NUL: the text ends at the first NUL
        cut[json.length + 1] = 'x';
        assertEquals("hé", Message.event("x").payload(cut).build().payloadObject().get("k").asText());
        for (byte[] bad : new byte[][] {{'"', (byte) 0xff, '"', 0}, {'"', (byte) 0xc0, (byte) 0x80, '"', 0},
                {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', 0}}) { // a byte no UTF-8 has, overlong NUL, surrogate
            FormatException e = assertThrows(FormatException.class, () -> Message.event("x").payload(bad).build().payloadJson());
            assertEquals("message: string payload is not valid UTF-8", e.getMessage());
        }
        assertEquals("message: payload is not a NUL-terminated string", assertThrows(FormatException.class,
                () -> Message.event("x").payload(json).build().payloadJson()).getMessage());
    }

    @Test
    void immutability() {
        byte[] p = {1, 2, 3};
        Message m = Message.event("x").payload(p).build();
        p[0] = 9;
        assertEquals(1, m.payload()[0]);
        m.payload()[1] = 9;
        assertEquals(2, m.payload()[1]);
        assertTrue(m.payloadBuffer().isReadOnly());
        Message.Builder b = m.toBuilder();
        Message m2 = b.sequence(4).build();
        assertNotEquals(m, m2);
        assertEquals(0, m.sequence());
        assertEquals(m, m.toBuilder().build());
        assertEquals(m.hashCode(), m.toBuilder().build().hashCode());
    }

    @Test
    void credentials() {
        Message owner = Message.request("x").cred(0, Roles.OWNER).build();
        assertTrue(owner.authorizes(42));
        Message user = Message.request("x").cred(42, Roles.USER | Roles.LOCAL).build();
        assertTrue(user.authorizes(42));
        assertFalse(user.authorizes(43));
        assertTrue(user.isLocal());
        assertFalse(Message.request("x").cred(Message.USERID_UNKNOWN, Roles.USER).build()
                .authorizes(Message.USERID_UNKNOWN));
        Message w = user.withCred(7, Roles.NONE);
        assertEquals(7, w.userid());
        assertEquals("owner,user,local,admin,0x10", Roles.toString(0x1f));
        assertEquals("none", Roles.toString(0));
        assertEquals("all", Roles.toString(-1));
    }

    @Test
    void printsLikeFluxMsgFprint() {
        Message m = Message.request("kvs.get").matchtag(3).cred(1000, Roles.USER).payloadString("{}")
                .pushRoute("abcdefghij").pushRoute("2").build();
        assertEquals("request topic=kvs.get flags=topic,payload,route userid=1000 rolemask=user nodeid=any"
                + " matchtag=3 routes=|abcdefgh!2| payload=3 bytes", m.toString());
        assertEquals("control flags= userid=unknown rolemask=none type=1 status=4294967295",
                Message.control(1, -1).toString());
    }

    @Test
    void typeCodes() {
        assertEquals(MessageType.EVENT, MessageType.ofCode(4));
        assertNull(MessageType.ofCode(3));
        assertEquals("response", MessageType.RESPONSE.typeName());
        assertEquals("topic,user1", MessageFlags.toString(0x81));
    }
}
