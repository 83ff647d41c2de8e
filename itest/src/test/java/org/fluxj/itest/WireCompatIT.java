package org.fluxj.itest;

import static org.fluxj.itest.RawLocalClient.NODEID_ANY;
import static org.fluxj.itest.RawLocalClient.NORESPONSE;
import static org.fluxj.itest.RawLocalClient.RESPONSE;
import static org.fluxj.itest.RawLocalClient.ROLE_LOCAL;
import static org.fluxj.itest.RawLocalClient.ROLE_OWNER;
import static org.fluxj.itest.RawLocalClient.ROLE_USER;
import static org.fluxj.itest.RawLocalClient.STREAMING;
import static org.fluxj.itest.RawLocalClient.UPSTREAM;
import static org.fluxj.itest.RawLocalClient.USERID_UNKNOWN;
import static org.fluxj.itest.RawLocalClient.cstring;
import static org.fluxj.itest.RawLocalClient.framed;
import static org.fluxj.itest.RawLocalClient.hex;
import static org.fluxj.itest.RawLocalClient.message;
import static org.fluxj.itest.RawLocalClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error and routing paths as a client built on flux-core's libflux sees them: requests
 * written and answers compared byte for byte with what flux-core 0.88's broker sends for the
 * same request (recorded from one). flux-core's clients drop a response whose rolemask is
 * empty and match one by matchtag only when its route stack is empty, so a wrong byte there
 * leaves them waiting forever. Two brokers, guests admitted, testmod on the module path.
 */
class WireCompatIT {
    static final String GUEST = GuestIT.GUEST;
    static Path rundir;
    static Path confdir;
    static TestInstance in;
    static int owner;
    static Path socket;

    @BeforeAll
    static void start() throws Exception {
        var perms = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
        rundir = Files.createTempDirectory(Path.of("/tmp"), "wireit-", perms);
        confdir = Files.createTempDirectory(Path.of("/tmp"), "wireit-conf-", perms);
        Files.writeString(confdir.resolve("access.toml"), "[access]\nallow-guest-user = true\n");
        in = new TestInstance(2, List.of("--test-rundir=" + rundir, "--config-path=" + confdir),
                Map.of("FLUX_MODULE_PATH", FluxCli.root().resolve("itest/testmodule/target").toString()));
        owner = Integer.parseInt(in.ok("getattr", "security.owner").strip());
        socket = Path.of(in.uri().substring("local://".length()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (in != null) {
            in.close();
        }
        for (Path d : new Path[] {confdir, rundir}) {
            if (d != null) {
                new ProcessBuilder("rm", "-rf", d.toString()).start().waitFor();
            }
        }
    }

    /** A response as flux-core's broker answers from its own handle: the owner's credential, with LOCAL. */
    private static byte[] brokerAnswer(int flags, int errnum, int matchtag, String topic, String text) {
        return framed(message(RESPONSE, flags, owner, ROLE_OWNER | ROLE_LOCAL, errnum, matchtag, topic,
                text == null ? null : cstring(text)));
    }

    private static void assertBytes(byte[] expected, byte[] got) {
        assertEquals(hex(expected), hex(got), () -> "frames received: "
                + RawLocalClient.frames(got).stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void anUnknownServiceIsEnosys() throws Exception {
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            assertEquals(0, c.handshake());
            c.send(request(0, NODEID_ANY, 7, "nosuch.x", null));
            // as recorded from flux-core's broker, the owner's uid put in
            String recorded = "1200eeff0000004b" + "00" + "08" + hex("nosuch.x".getBytes(StandardCharsets.UTF_8))
                    + "2b" + hex(cstring("No service matching nosuch.x is registered"))
                    + "14" + "8e01020b" + String.format("%08x", owner) + "00000005" + "00000026" + "00000007";
            assertEquals(recorded, hex(c.receive()));
            // addressed to this rank, streaming: the same answer, the STREAMING flag kept
            c.send(request(STREAMING, 0, 8, "nosuch.watch", null));
            assertBytes(brokerAnswer(STREAMING, 38, 8, "nosuch.watch", "No service matching nosuch.watch is registered"),
                    c.receive());
            // flux-core's text is cut at 63 bytes
            String topic = "a-rather-long-service-name.with-a-long-method-name";
            c.send(request(0, NODEID_ANY, 9, topic, null));
            assertBytes(brokerAnswer(0, 38, 9, topic, ("No service matching " + topic).substring(0, 63)), c.receive());
            // answered by rank 1 across the overlay, which takes LOCAL off the credential
            c.send(request(0, 1, 10, "nosuch.x", null));
            assertBytes(framed(message(RESPONSE, 0, owner, ROLE_OWNER, 38, 10, "nosuch.x",
                    cstring("No service matching nosuch.x is registered"))), c.receive());
            // no answer to a request that wants none: the next answer is the next request's
            c.send(request(NORESPONSE, NODEID_ANY, 0, "nosuch.x", null));
            c.send(request(0, NODEID_ANY, 11, "nosuch.y", null));
            assertBytes(brokerAnswer(0, 38, 11, "nosuch.y", "No service matching nosuch.y is registered"), c.receive());
        }
    }

    @Test
    void anUnknownRankIsEhostunreach() throws Exception {
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            c.send(request(0, 5, 20, "broker.ping", "{}"));
            assertBytes(brokerAnswer(0, 113, 20, "broker.ping", null), c.receive());
            // upstream of rank 0: there is nothing
            c.send(request(UPSTREAM, 0, 21, "broker.ping", "{}"));
            assertBytes(brokerAnswer(UPSTREAM, 113, 21, "broker.ping", null), c.receive());
        }
    }

    @Test
    void aStreamingRpcEndsWithAnError() throws Exception {
        in.ok("kvs", "put", "wire.w=1");
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            c.send(request(STREAMING, NODEID_ANY, 30, "kvs-watch.lookup",
                    "{\"namespace\":\"primary\",\"key\":\"wire.w\",\"flags\":4}"));
            assertBytes(brokerAnswer(STREAMING, 0, 30, "kvs-watch.lookup",
                    "{\"val\":{\"data\":\"MQ==\",\"type\":\"val\",\"ver\":1}}"), c.receive());
            c.send(request(NORESPONSE, NODEID_ANY, 0, "kvs-watch.cancel", "{\"matchtag\":30}"));
            assertBytes(brokerAnswer(STREAMING, 61, 30, "kvs-watch.lookup", null), c.receive()); // ENODATA
            // a watch on a key that is not there ends at once
            c.send(request(STREAMING, NODEID_ANY, 31, "kvs-watch.lookup",
                    "{\"namespace\":\"primary\",\"key\":\"wire.nosuch\",\"flags\":4}"));
            assertBytes(brokerAnswer(STREAMING, 2, 31, "kvs-watch.lookup", null), c.receive()); // ENOENT
        }
    }

    @Test
    void aModuleUnloadedMidRequestAnswersWhatItHeld() throws Exception {
        in.flux("module", "remove", "-f", "testmod");
        in.ok("module", "load", "testmod");
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            c.send(request(0, NODEID_ANY, 40, "testmod.hold", "{}"));
            c.send(request(STREAMING, NODEID_ANY, 41, "testmod.hold", "{}"));
            // answered after the two held ones were taken, on the module's one thread
            c.send(request(0, NODEID_ANY, 42, "testmod.info", "{}"));
            assertTrue(hex(c.receive()).endsWith("0000002a"), "testmod.info answered");
            in.ok("module", "remove", "testmod");
            // the kernel answers for the module, as flux-core's broker does for an exec module
            assertBytes(brokerAnswer(0, 113, 40, "testmod.hold", "module disconnect"), c.receive());
            assertBytes(brokerAnswer(STREAMING, 113, 41, "testmod.hold", "module disconnect"), c.receive());
            c.send(request(0, NODEID_ANY, 43, "testmod.hold", "{}"));
            assertBytes(brokerAnswer(0, 38, 43, "testmod.hold", "No service matching testmod.hold is registered"),
                    c.receive());
        }
    }

    @Test
    void aWatchEndsWhenKvsWatchIsUnloaded() throws Exception {
        in.ok("kvs", "put", "wire.u=1");
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            c.send(request(STREAMING, NODEID_ANY, 50, "kvs-watch.lookup",
                    "{\"namespace\":\"primary\",\"key\":\"wire.u\",\"flags\":4}"));
            assertTrue(hex(c.receive()).endsWith("00000032"), "first answer");
            in.ok("module", "remove", "kvs-watch");
            try {
                // flux-core 0.88's kvs-watch drops its watchers silently here; fluxj's ends them
                assertBytes(brokerAnswer(STREAMING, 38, 50, "kvs-watch.lookup", "kvs-watch module is unloading"),
                        c.receive());
            } finally {
                in.ok("module", "load", "kvs-watch");
            }
        }
    }

    @Test
    void eventSubscriptionsAreAnsweredByTheConnector() throws Exception {
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            // router_entry_respond: unknown userid, the owner role only, no payload
            c.send(request(0, NODEID_ANY, 60, "event.subscribe", "{\"topic\":\"wire\"}"));
            assertBytes(framed(message(RESPONSE, 0, USERID_UNKNOWN, ROLE_OWNER, 0, 60, "event.subscribe", null)),
                    c.receive());
            c.send(request(0, NODEID_ANY, 61, "event.unsubscribe", "{\"topic\":\"wire\"}"));
            assertBytes(framed(message(RESPONSE, 0, USERID_UNKNOWN, ROLE_OWNER, 0, 61, "event.unsubscribe", null)),
                    c.receive());
            c.send(request(0, NODEID_ANY, 62, "event.unsubscribe", "{\"topic\":\"wire\"}"));
            assertBytes(framed(message(RESPONSE, 0, USERID_UNKNOWN, ROLE_OWNER, 2, 62, "event.unsubscribe", null)),
                    c.receive()); // ENOENT
            c.send(request(0, NODEID_ANY, 63, "event.subscribe", null));
            assertBytes(framed(message(RESPONSE, 0, USERID_UNKNOWN, ROLE_OWNER, 71, 63, "event.subscribe", null)),
                    c.receive()); // EPROTO
        }
    }

    @Test
    void anOwnerActingAsAGuestIsRefusedWithEperm() throws Exception {
        try (RawLocalClient c = RawLocalClient.connect(socket)) {
            // what FLUX_HANDLE_USERID / FLUX_HANDLE_ROLEMASK make libflux send
            c.send(message(1, 0, 5000, ROLE_USER, NODEID_ANY, 70, "attr.set",
                    cstring("{\"name\":\"wire\",\"value\":\"x\"}")));
            assertBytes(brokerAnswer(0, 1, 70, "attr.set", "Request requires owner credentials"), c.receive());
            // on rank 1, across the overlay
            c.send(message(1, 0, 5000, ROLE_USER, 1, 71, "attr.set", cstring("{\"name\":\"wire\",\"value\":\"x\"}")));
            assertBytes(framed(message(RESPONSE, 0, owner, ROLE_OWNER, 1, 71, "attr.set",
                    cstring("Request requires owner credentials"))), c.receive());
        }
    }

    @Test
    void aGuestIsRefusedWithEperm() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to connect as " + GUEST);
        assumeTrue(new ProcessBuilder("id", "-u", GUEST).start().waitFor() == 0, "no user " + GUEST);
        try (RawLocalClient c = RawLocalClient.connectAs(GUEST, socket)) {
            assertEquals(0, c.handshake());
            c.send(request(0, NODEID_ANY, 80, "log.dmesg", "{\"follow\":false,\"nobacklog\":false}"));
            assertBytes(brokerAnswer(0, 1, 80, "log.dmesg", "Request requires owner credentials"), c.receive());
            c.send(request(0, NODEID_ANY, 81, "overlay.disconnect-subtree", "{\"rank\":1}"));
            assertBytes(brokerAnswer(0, 1, 81, "overlay.disconnect-subtree", "Request requires owner credentials"),
                    c.receive());
            // and is served where guests may go, stamped with its own uid and the user role
            c.send(request(0, NODEID_ANY, 82, "broker.ping", "{}"));
            String ping = new String(RawLocalClient.frames(c.receive()).get(2), StandardCharsets.UTF_8);
            String uid = new String(new ProcessBuilder("id", "-u", GUEST).start().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).strip();
            assertTrue(ping.contains("\"userid\":" + uid + ",\"rolemask\":" + (ROLE_USER | ROLE_LOCAL)), ping);
        }
    }
}
