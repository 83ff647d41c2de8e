package org.fluxj.cmd.overlay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.client.Rpc;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux overlay disconnect [-r PARENT] TARGET}: ask a parent to drop a child's subtree. */
@Command(name = "disconnect", description = "Disconnect a subtree rooted at TARGET (hostname or rank).")
final class OverlayDisconnectCommand extends AbstractCommand {
    @Option(names = {"-r", "--parent"}, paramLabel = "NODEID",
            description = "Set parent rank to NODEID (default: determine from topology)")
    int parent = -1;

    @Parameters(paramLabel = "TARGET", arity = "0..*")
    List<String> targets = new ArrayList<>();

    @Override
    public Integer call() {
        if (targets.size() != 1) {
            throw fail("TARGET is required");
        }
        OverlayTree tree = new OverlayTree(this::handle);
        String target = targets.get(0);
        int rank;
        try {
            rank = Integer.parseInt(target);
            if (rank < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            rank = tree.hostmap().find(target);
            if (rank < 0) {
                throw fail("TARGET must be a valid rank or hostname");
            }
        }
        if (parent == -1) {
            parent = tree.parentof(rank);
        }
        err().printf("flux-overlay: asking %s (rank %d) to disconnect child %s (rank %d)%n", tree.host(parent),
                parent, tree.host(rank), rank);
        err().flush();
        ObjectNode o = Json.object();
        o.put("rank", rank);
        try {
            Rpc.await(handle().rpc("overlay.disconnect-subtree", o, parent));
        } catch (IOException e) {
            throw fail("overlay.disconnect-subtree: %s", e.getMessage());
        }
        return 0;
    }
}
