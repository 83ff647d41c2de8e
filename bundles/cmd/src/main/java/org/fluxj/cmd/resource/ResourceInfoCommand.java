package org.fluxj.cmd.resource;

import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;

/** {@code flux resource info}: a one-line summary, "2 Nodes, 4 Cores, 0 GPUs". */
@Command(name = "info", description = "Show one-line summary of resources.")
final class ResourceInfoCommand extends AbstractRsetCommand {
    @Override
    public Integer call() {
        ResourceSet r = selected();
        out().printf("%d Nodes, %d Cores, %d GPUs%n", r.nnodes(), r.count("core"), r.count("gpu"));
        return 0;
    }
}
