package org.fluxj.cmd.resource;

import picocli.CommandLine.Command;

/** {@code flux resource R}: the R of the resources in the given states. */
@Command(name = "R", description = "Emit R in given states.")
final class ResourceRCommand extends AbstractRsetCommand {
    @Override
    public Integer call() {
        out().println(selected().encode()); // json.dumps's separators are jansson's default ones
        return 0;
    }
}
