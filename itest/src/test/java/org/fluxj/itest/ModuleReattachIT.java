package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fluxj.client.Handle;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.junit.jupiter.api.Test;

/**
 * The "shown by": a module (itest/bgmodule) starts a background process through the
 * broker's subprocess server, labelled; the module is reloaded ({@code flux module reload}) and
 * the new instance finds the process by its label and attaches to it: same pid, output still
 * flowing, to the new instance. Then the same through remove and load.
 */
class ModuleReattachIT {
    private static final String JAR = FluxCli.root().resolve("itest/bgmodule/target/bgmodule.jar").toString();

    /** bgmod.info, answered once the module instance has received {@code minLines} lines. */
    private static JsonNode info(TestBroker broker, int minLines) throws Exception {
        try (Handle h = Handle.open(broker.uri())) {
            ObjectNode o = Json.object();
            o.put("min_lines", minLines);
            Message m = h.rpc("bgmod.info", o, Message.NODEID_ANY).get(RunningFlux.WAIT_SECONDS, TimeUnit.SECONDS);
            JsonNode r = m.payloadObject();
            assertFalse(r.has("error"), r.toString());
            return r;
        }
    }

    private static String psLine(TestBroker broker) {
        return broker.ok("sproc", "ps", "-n", "-o", "{pid} {state} {label}").lines()
                .filter(l -> l.endsWith(" bgmod-ticker")).findFirst().orElse("");
    }

    @Test
    void aReloadedModuleReattachesToItsProcessByLabel() throws Exception {
        try (TestBroker broker = new TestBroker(List.of(), Map.of())) {
            broker.ok("module", "load", JAR);
            JsonNode first = info(broker, 2);
            int pid = first.path("pid").asInt();
            assertTrue(pid > 0, first.toString());
            assertFalse(first.path("reattached").asBoolean(), "the first instance started it");
            assertTrue(first.path("last").asText().startsWith("tick "), first.toString());
            assertEquals(pid + " R bgmod-ticker", psLine(broker));

            broker.ok("module", "reload", "bgmod");
            JsonNode second = info(broker, 2);
            assertEquals(pid, second.path("pid").asInt(), "the same process: " + second);
            assertTrue(second.path("reattached").asBoolean(), second.toString());
            assertTrue(second.path("attached").asBoolean(), second.toString());
            assertTrue(tick(second) > tick(first), "output goes on: " + first + " then " + second);
            assertEquals(pid + " R bgmod-ticker", psLine(broker));

            broker.ok("module", "remove", "bgmod");
            assertEquals(pid + " R bgmod-ticker", psLine(broker), "the process outlives its module");
            broker.ok("module", "load", JAR);
            JsonNode third = info(broker, 1);
            assertEquals(pid, third.path("pid").asInt());
            assertTrue(third.path("reattached").asBoolean());

            broker.ok("module", "remove", "bgmod");
            broker.ok("sproc", "kill", "15", "bgmod-ticker");
            assertEquals(0, broker.finish(), broker.stderr());
        }
    }

    private static int tick(JsonNode info) {
        return Integer.parseInt(info.path("last").asText().substring("tick ".length()));
    }
}
