package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux overlay parentof RANK}: the TBON parent of a rank, from rank 0's topology. */
@Command(name = "parentof", description = "List the parent rank of RANK.")
final class OverlayParentofCommand extends FluxCommand {
    @Parameters(paramLabel = "RANK", arity = "0..*")
    java.util.List<String> ranks = new java.util.ArrayList<>();

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
        out().println(parentof(new OverlayTree(this), rank));
        return 0;
    }

    /** lookup_parentof: the parent of a valid rank other than 0. */
    static int parentof(OverlayTree tree, int rank) {
        JsonNode topo = tree.topology();
        int size = topo.path("size").asInt();
        if (rank < 0 || rank >= size) {
            throw fail("%d is not a valid rank in this instance", rank);
        }
        if (rank == 0) {
            throw fail("%d has no parent", rank);
        }
        return OverlayTree.parentOf(topo, rank);
    }
}
