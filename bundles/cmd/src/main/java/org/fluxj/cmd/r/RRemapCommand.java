package org.fluxj.cmd.r;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;

/** {@code flux R remap}: the union of the R objects on stdin, ranks renumbered from 0. */
@Command(name = "remap",
        description = "Return the union of all R objects on stdin with ranks re-numbered starting from index 0.")
final class RRemapCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        RInput.puts(out(), RInput.union().remap());
        return 0;
    }
}
