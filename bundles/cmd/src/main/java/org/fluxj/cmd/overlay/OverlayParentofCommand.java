package org.fluxj.cmd.overlay;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux overlay parentof RANK}: the TBON parent of a rank, from rank 0's topology. */
@Command(name = "parentof", description = "List the parent rank of RANK.")
final class OverlayParentofCommand extends AbstractCommand {
    @Parameters(paramLabel = "RANK", arity = "0..*")
    List<String> ranks = new ArrayList<>();

    @Override
    public Integer call() {
        if (ranks.size() != 1) {
            throw fail("RANK is required");
        }
        int rank;
        try {
            rank = (int) Long.parseLong(ranks.get(0));
        } catch (NumberFormatException e) {
            rank = 0; // strtoul
        }
        out().println(new OverlayTree(this::handle).parentof(rank));
        return 0;
    }
}
