package org.fluxj.frobnicator.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.job.ingest.api.JobFrobnicator;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code constraints} frobnicator (flux-core's plugin of that name): a job in a queue whose
 * {@code [queues.NAME] requires} lists properties gets them as RFC 31 constraints -- added to a
 * top-level {@code properties} list the job has, else and-ed with its constraints, else set.
 */
@JobPlugin(name = "constraints", description = "Apply queue-specific constraints")
@Component(service = JobFrobnicator.class)
public final class Constraints implements JobFrobnicator {

    @Override
    public void frobnicate(ObjectNode jobspec, SubmitContext context) throws JobRejectedException {
        JsonNode system = jobspec.path("attributes").path("system");
        JsonNode queue = system.path("queue");
        if (!queue.isTextual() || !system.isObject()) {
            return;
        }
        JsonNode queues = context.config().path("queues");
        if (!queues.has(queue.asText())) {
            throw new JobRejectedException("Invalid queue '" + queue.asText() + "' specified");
        }
        JsonNode requires = queues.path(queue.asText()).path("requires");
        if (!requires.isArray()) {
            return;
        }
        ObjectNode sys = (ObjectNode) system;
        JsonNode constraints = sys.path("constraints");
        if (constraints.path("properties").isArray()) {
            ArrayNode props = (ArrayNode) constraints.path("properties");
            for (JsonNode p : requires) {
                if (!contains(props, p)) {
                    props.add(p.deepCopy());
                }
            }
            return;
        }
        ObjectNode queueConstraint = sys.objectNode();
        queueConstraint.set("properties", requires.deepCopy());
        if (constraints.isMissingNode()) {
            sys.set("constraints", queueConstraint);
        } else {
            ObjectNode and = sys.objectNode();
            and.putArray("and").add(constraints.deepCopy()).add(queueConstraint);
            sys.set("constraints", and);
        }
    }

    private static boolean contains(ArrayNode a, JsonNode v) {
        for (JsonNode e : a) {
            if (e.equals(v)) {
                return true;
            }
        }
        return false;
    }
}
