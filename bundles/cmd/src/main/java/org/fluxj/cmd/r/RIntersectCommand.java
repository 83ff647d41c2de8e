package org.fluxj.cmd.r;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;

/** {@code flux R intersect}: the intersection of the R objects on stdin. */
@Command(name = "intersect", description = "Return the intersection of all R objects on stdin")
final class RIntersectCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        RInput.puts(out(), RInput.transform("intersect", 2, ResourceSet::intersect));
        return 0;
    }
}
