package org.fluxj.cmd.resource;

import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Option;

/** info and R: the resources in the states {@code -s} names, from resource.sched-status. */
abstract class AbstractRsetCommand extends AbstractResourceCommand {
    @Option(names = {"-s", "--states"}, paramLabel = "STATE,...",
            description = "Show resources in given states (free, allocated, down, all)")
    String states = "all";

    ResourceSet selected() {
        return union(schedStatus(), states);
    }
}
