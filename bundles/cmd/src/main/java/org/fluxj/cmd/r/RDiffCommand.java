package org.fluxj.cmd.r;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;

/** {@code flux R diff}: (R1 - R2) - R3 ... of the R objects on stdin. */
@Command(name = "diff",
        description = "Return the set difference of multiple R objects on stdin. (i.e. (R1 - R2) - R3 ...)")
final class RDiffCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        RInput.puts(out(), RInput.transform("diff", 2, ResourceSet::diff));
        return 0;
    }
}
