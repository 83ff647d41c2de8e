package org.fluxj.frobnicator.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.formats.json.Json;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    private static final String QUEUES = "{\"queues\":{\"debug\":{\"requires\":[\"debug\"]},\"any\":{}}}";
    private final Constraints c = new Constraints();

    private static ObjectNode frob(Constraints c, String system) throws Exception {
        ObjectNode j = (ObjectNode) Json.parse("{\"attributes\":{\"system\":" + system + "}}", "jobspec");
        c.frobnicate(j, new SubmitContext(1000, 2, 16, 0, Json.parse(QUEUES, "config")));
        return j;
    }

    @Test
    void theQueuesPropertiesBecomeConstraints() throws Exception {
        assertEquals("{\"properties\":[\"debug\"]}",
                Json.encode(frob(c, "{\"queue\":\"debug\"}").at("/attributes/system/constraints")));
        assertEquals("{\"properties\":[\"x\",\"debug\"]}", Json.encode(
                frob(c, "{\"queue\":\"debug\",\"constraints\":{\"properties\":[\"x\"]}}").at("/attributes/system/constraints")));
        assertEquals("{\"and\":[{\"hostlist\":[\"a\"]},{\"properties\":[\"debug\"]}]}", Json.encode(
                frob(c, "{\"queue\":\"debug\",\"constraints\":{\"hostlist\":[\"a\"]}}").at("/attributes/system/constraints")));
        assertEquals(true, frob(c, "{\"queue\":\"any\"}").at("/attributes/system/constraints").isMissingNode());
        assertEquals(true, frob(c, "{}").at("/attributes/system/constraints").isMissingNode());
    }

    @Test
    void anUnknownQueueIsRefused() {
        assertEquals("Invalid queue 'x' specified",
                assertThrows(JobRejectedException.class, () -> frob(c, "{\"queue\":\"x\"}")).getMessage());
    }
}
