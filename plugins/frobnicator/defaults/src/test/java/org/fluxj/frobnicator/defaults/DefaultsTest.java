package org.fluxj.frobnicator.defaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.junit.jupiter.api.Test;

class DefaultsTest {
    private final Defaults d = new Defaults();

    private static SubmitContext config(String json) throws Exception {
        return new SubmitContext(1000, 2, 16, 0, Json.parse(json, "config"));
    }

    private static ObjectNode job(String system) throws Exception {
        return (ObjectNode) Json.parse("{\"attributes\":{\"system\":" + system + "}}", "jobspec");
    }

    @Test
    void unsetAttributesGetThePolicyDefaults() throws Exception {
        ObjectNode j = job("{\"duration\":0}");
        d.frobnicate(j, config("{\"policy\":{\"jobspec\":{\"defaults\":{\"system\":{\"duration\":\"1m\",\"bank\":\"b\"}}}}}"));
        assertEquals(60.0, j.at("/attributes/system/duration").asDouble());
        assertEquals("b", j.at("/attributes/system/bank").asText());
        ObjectNode set = job("{\"duration\":5,\"bank\":\"mine\"}");
        d.frobnicate(set, config("{\"policy\":{\"jobspec\":{\"defaults\":{\"system\":{\"duration\":\"1m\",\"bank\":\"b\"}}}}}"));
        assertEquals(5.0, set.at("/attributes/system/duration").asDouble());
        assertEquals("mine", set.at("/attributes/system/bank").asText());
    }

    @Test
    void queueDefaultsOverrideTheGlobalOnes() throws Exception {
        String conf = "{\"policy\":{\"jobspec\":{\"defaults\":{\"system\":{\"duration\":\"1m\",\"queue\":\"debug\"}}}},"
                + "\"queues\":{\"debug\":{},\"batch\":{\"policy\":{\"jobspec\":{\"defaults\":{\"system\":"
                + "{\"duration\":\"1h\"}}}}}}}";
        ObjectNode j = job("{}");
        d.frobnicate(j, config(conf));
        assertEquals("debug", j.at("/attributes/system/queue").asText());
        assertEquals(60.0, j.at("/attributes/system/duration").asDouble());
        ObjectNode b = job("{\"queue\":\"batch\"}");
        d.frobnicate(b, config(conf));
        assertEquals(3600.0, b.at("/attributes/system/duration").asDouble());
    }

    @Test
    void whereQueuesAreConfiguredAJobMustNameAKnownOne() {
        String conf = "{\"queues\":{\"debug\":{}}}";
        assertEquals("no queue specified",
                assertThrows(JobRejectedException.class, () -> d.frobnicate(job("{}"), config(conf))).getMessage());
        assertEquals("Invalid queue 'x' specified", assertThrows(JobRejectedException.class,
                () -> d.frobnicate(job("{\"queue\":\"x\"}"), config(conf))).getMessage());
    }
}
