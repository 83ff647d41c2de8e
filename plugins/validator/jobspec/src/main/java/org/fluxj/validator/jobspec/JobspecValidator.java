package org.fluxj.validator.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.jobspec.Jobspec;
import org.fluxj.job.ingest.api.JobPlugin;
import org.fluxj.job.ingest.api.JobRejectedException;
import org.fluxj.job.ingest.api.JobValidator;
import org.fluxj.job.ingest.api.SubmitContext;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code jobspec} validator (flux-core's validator plugin of that name): RFC 14 and RFC 25,
 * the checks the formats bundle's jobspec reader makes. The default validator.
 */
@JobPlugin(name = "jobspec", description = "Jobspec validator (RFC 14 and RFC 25)")
@Component(service = JobValidator.class)
public final class JobspecValidator implements JobValidator {

    @Override
    public void validate(JsonNode jobspec, SubmitContext context) throws JobRejectedException {
        try {
            Jobspec.validate(jobspec);
        } catch (FormatException e) {
            throw new JobRejectedException(e.getMessage());
        }
    }
}
