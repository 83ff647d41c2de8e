package org.fluxj.cmd.r;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux R rerank HOSTLIST}: ranks reassigned by each host's index in HOSTLIST. */
@Command(name = "rerank",
        description = "Return the union of all R objects on stdin with ranks re-mapped based on their index in HOSTLIST.")
final class RRerankCommand extends AbstractCommand {

    @Parameters(paramLabel = "HOSTLIST", arity = "0..1", description = "The hosts in their new rank order.")
    String hosts;

    @Override
    public Integer call() throws IOException {
        ResourceSet rl = RInput.union();
        if (hosts == null) {
            throw fail("Must provide a hostlist for re-ranking");
        }
        Hostlist hl;
        try {
            hl = Hostlist.decode(hosts);
        } catch (FormatException e) {
            throw fail("invalid hostlist '%s'", hosts);
        }
        if (hl.count() > rl.nnodes()) {
            throw fail("Too many hosts specified (expected %d)", rl.nnodes());
        }
        if (hl.count() < rl.nnodes()) {
            throw fail("Too few hosts specified (expected %d)", rl.nnodes());
        }
        try {
            rl = rl.rerank(hl);
        } catch (FormatException e) {
            throw fail("failed to find one or more provided hosts in R");
        }
        RInput.puts(out(), rl);
        return 0;
    }
}
