package org.fluxj.cmd.overlay;

import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux overlay lookup TARGET}: ranks to hosts, or hosts to ranks. */
@Command(name = "lookup", description = "Translate hostnames to ranks, or ranks to hostnames.")
final class OverlayLookupCommand extends AbstractCommand {
    @Parameters(paramLabel = "TARGET", arity = "0..*")
    List<String> targets = new ArrayList<>();

    @Override
    public Integer call() {
        if (targets.size() != 1) {
            throw fail("single TARGET argument is required");
        }
        out().println(new OverlayTree(this::handle).lookup(targets.get(0)));
        return 0;
    }
}
