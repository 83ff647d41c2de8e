package org.fluxj.frobnicator.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.job.ingest.api.JobFrobnicator;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.SubmitContext;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code defaults} frobnicator (flux-core's plugin of that name): attributes a job did not
 * set get the values of {@code [policy.jobspec.defaults.system]}, overridden by its queue's
 * {@code [queues.NAME.policy.jobspec.defaults.system]}; a duration of 0 counts as unset. Where
 * queues are configured a job must name one (or the defaults must), and a known one.
 */
@JobPlugin(name = "defaults", description = "Apply jobspec defaults from [policy.jobspec.defaults]")
@Component(service = JobFrobnicator.class)
public final class Defaults implements JobFrobnicator {

    @Override
    public void frobnicate(ObjectNode jobspec, SubmitContext context) throws JobRejectedException {
        JsonNode config = context.config();
        JsonNode defaults = systemDefaults(config.path("policy"));
        JsonNode queues = config.path("queues");
        if (!queues.isMissingNode() && !queues.isObject()) {
            throw new JobRejectedException("queues must be a table");
        }
        JsonNode system = jobspec.path("attributes").path("system");
        String queue = system.path("queue").isTextual() ? system.path("queue").asText()
                : defaults.path("queue").isTextual() ? defaults.path("queue").asText() : null;
        ObjectNode merged = defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : jobspec.objectNode();
        if (queues.isObject() && queues.size() > 0) {
            if (queue == null) {
                throw new JobRejectedException("no queue specified");
            }
            if (!queues.has(queue)) {
                throw new JobRejectedException("Invalid queue '" + queue + "' specified");
            }
            JsonNode q = systemDefaults(queues.path(queue).path("policy"));
            if (q.isObject()) {
                merged.setAll((ObjectNode) q);
            }
        }
        if (merged.isEmpty()) {
            return;
        }
        ObjectNode sys = systemOf(jobspec);
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("duration")) {
                if (sys.path("duration").asDouble(0) == 0) {
                    sys.put("duration", duration(e.getValue()));
                }
            } else if (!sys.has(e.getKey())) {
                sys.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static JsonNode systemDefaults(JsonNode policy) {
        return policy.path("jobspec").path("defaults").path("system");
    }

    /** attributes.system, made if the jobspec has none. */
    private static ObjectNode systemOf(ObjectNode jobspec) throws JobRejectedException {
        JsonNode attrs = jobspec.path("attributes");
        if (!attrs.isObject()) {
            throw new JobRejectedException("jobspec: attributes: must be a mapping");
        }
        JsonNode sys = attrs.path("system");
        if (sys.isMissingNode()) {
            return ((ObjectNode) attrs).putObject("system");
        }
        if (!sys.isObject()) {
            throw new JobRejectedException("jobspec: attributes.system: must be a mapping");
        }
        return (ObjectNode) sys;
    }

    /** A default duration: seconds, or an FSD string as the TOML files write it. */
    private static double duration(JsonNode v) throws JobRejectedException {
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Fsd.parse(v.asText());
        } catch (FormatException e) {
            throw new JobRejectedException("policy.jobspec.defaults.system.duration: invalid FSD: " + v.asText());
        }
    }
}
