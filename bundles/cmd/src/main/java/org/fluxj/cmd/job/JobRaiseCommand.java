package org.fluxj.cmd.job;

import java.io.IOException;
import org.fluxj.client.job.Jobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux job raise [-s N] [-t TYPE] [-m NOTE] IDS... [--] [MESSAGE...]}, as flux-core's. */
@Command(name = "raise", description = "Raise exception on one or more jobs",
        customSynopsis = "flux job raise [OPTIONS] ids... [--] [message ...]")
final class JobRaiseCommand extends AbstractRaiseCommand {

    @Option(names = {"-s", "--severity"}, paramLabel = "N", description = "Set exception severity [0-7] (default=0)")
    int severity;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Set exception type (default=cancel)")
    String type = "cancel";

    @Option(names = {"-m", "--message"}, paramLabel = "NOTE", description = "Set exception note")
    String message;

    @Override
    String noteOption() {
        return message;
    }

    @Override
    void raise(long id, String note) throws IOException {
        Jobs.raise(handle(), id, type, severity, note);
    }
}
