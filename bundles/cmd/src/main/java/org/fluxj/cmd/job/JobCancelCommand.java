package org.fluxj.cmd.job;

import java.io.IOException;
import org.fluxj.client.job.Jobs;
import picocli.CommandLine.Command;

/** {@code flux job cancel IDS... [--] [MESSAGE...]}: a {@code cancel} exception (severity 0) on each job. */
@Command(name = "cancel", description = "Cancel one or more jobs",
        customSynopsis = "flux job cancel ids... [--] [message ...]")
final class JobCancelCommand extends AbstractRaiseCommand {

    @Override
    void raise(long id, String note) throws IOException {
        Jobs.cancel(handle(), id, note);
    }
}
