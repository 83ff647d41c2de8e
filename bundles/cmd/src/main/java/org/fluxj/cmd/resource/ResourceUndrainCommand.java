package org.fluxj.cmd.resource;

import java.io.IOException;
import org.fluxj.cmd.CommandException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux resource undrain TARGETS [REASON...]}: return drained ranks or hosts to service. */
@Command(name = "undrain", description = "Undrain resources.")
final class ResourceUndrainCommand extends AbstractDrainCommand {
    @Parameters(index = "0", paramLabel = "TARGETS", description = "List of targets to undrain (IDSET or HOSTLIST)")
    String targets;

    @Override
    public Integer call() {
        try {
            request("resource.undrain", targets);
        } catch (IOException e) {
            throw new CommandException("ERROR: " + e.getMessage()); // flux-resource.py lets this one escape bare
        }
        return 0;
    }
}
