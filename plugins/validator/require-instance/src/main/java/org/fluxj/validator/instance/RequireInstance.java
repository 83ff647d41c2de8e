package org.fluxj.validator.instance;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.JobValidator;
import org.fluxj.job.ingest.api.SubmitContext;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code require-instance} validator (flux-core's plugin of that name): a job must start a
 * new Flux instance, as {@code flux batch} and {@code flux alloc} jobs do (a batch script, or a
 * first task of {@code flux broker} or {@code flux start}); others are refused with the words
 * of seed 001. (flux-core's minimum-size options are not supported yet.)
 */
@JobPlugin(name = "require-instance", description = "Require that all jobs are new instances of Flux")
@Component(service = JobValidator.class)
public final class RequireInstance implements JobValidator {
    static final String MESSAGE = "Direct job submission is disabled for this instance."
            + " Please use the flux-batch(1) or flux-alloc(1) commands.";

    @Override
    public void validate(JsonNode jobspec, SubmitContext context) throws JobRejectedException {
        if (jobspec.path("attributes").path("system").has("batch")) {
            return;
        }
        JsonNode command = jobspec.path("tasks").path(0).path("command");
        String arg0 = command.path(0).asText("");
        String base = arg0.substring(arg0.lastIndexOf('/') + 1);
        String arg1 = command.path(1).asText("");
        if (base.equals("flux") && (arg1.equals("broker") || arg1.equals("start"))) {
            return;
        }
        throw new JobRejectedException(MESSAGE);
    }
}
