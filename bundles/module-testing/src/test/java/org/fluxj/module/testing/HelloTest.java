package org.fluxj.module.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.junit.jupiter.api.Test;

/** The example module of docs/architecture.md, and the fixture's own behaviour. */
class HelloTest {
    private final ModuleFixture f = new ModuleFixture();

    @Test
    void greets() throws Exception {
        f.args("greeting=hi").start(new Hello());
        assertEquals("hi, flux", ModuleFixture.json(f.call("hello.greet", "{\"name\":\"flux\"}")).get("text").asText());
        ModuleFixture.assertError(Errno.EPROTO, "missing \"name\"", f.call("hello.greet", "{}"));
    }

    @Test
    void theNameIsTheAnnotations() {
        assertEquals("hello", new Hello().name());
    }

    @Test
    void unknownArgumentsAndTopicsAndRolesAreRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModuleFixture().args("x").start(new Hello()));
        assertEquals("hello: unknown module option: 'x'", e.getMessage());
        f.start(new Hello());
        ModuleFixture.assertError(Errno.ENOSYS, null, f.call("hello.nosuch", "{}"));
        ModuleFixture.assertError(Errno.EPERM, null, f.call(Message.request("hello.greet").cred(5, Roles.NONE)));
    }

    @Test
    void timersRunOnTheTestsClockInOrder() throws Exception {
        List<String> ran = new ArrayList<>();
        f.start(new BrokerModule() {
            @Override
            public String name() {
                return "ticker";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.scheduleRepeating(Duration.ofSeconds(2), () -> ran.add("tick"));
                ctx.schedule(Duration.ofSeconds(3), () -> ran.add("once"));
                ctx.schedule(Duration.ofSeconds(1), () -> ran.add("never")).cancel();
            }
        });
        f.advance(Duration.ofSeconds(5));
        assertEquals(List.of("tick", "once", "tick"), ran);
    }

    @Test
    void theModulesRequestsAreAnsweredByTheTestsServices() throws Exception {
        List<String> got = new ArrayList<>();
        f.answer("kvs.getroot", m -> ModuleFixture.json(Message.request("x").payloadString("{\"rootseq\":4}").build()));
        f.start(new BrokerModule() {
            @Override
            public String name() {
                return "client";
            }

            @Override
            public void start(ModuleContext ctx) {
                ctx.rpc("kvs.getroot", null).response()
                        .thenAccept(r -> got.add(ModuleFixture.json(r).get("rootseq").asText()));
                ctx.rpc("nosuch.thing", null).response().exceptionally(x -> {
                    got.add(x.getMessage());
                    return null;
                });
            }
        });
        assertEquals(List.of("4", "No service matching nosuch.thing is registered"), got.stream()
                .map(s -> s.replaceFirst("^.*RequestException: ", "")).toList());
    }
}
