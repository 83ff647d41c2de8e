package org.fluxj.cmd.r;

import java.io.IOException;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;

/** {@code flux R append}: the disjoint union of the R objects on stdin. */
@Command(name = "append",
        description = "Append multiple R objects on stdin. Emits an error if resource sets are not disjoint.")
final class RAppendCommand extends AbstractCommand {

    @Override
    public Integer call() throws IOException {
        ResourceSet result = ResourceSet.empty();
        for (ResourceSet rl : RInput.readAll()) {
            if (result.intersect(rl).nnodes() > 0) {
                throw fail("R objects '%s' and '%s' overlap", result.dumps(), rl.dumps());
            }
            try {
                result = result.append(rl);
            } catch (FormatException e) {
                throw fail("rlist_append: %s", e.getMessage());
            }
        }
        RInput.puts(out(), result);
        return 0;
    }
}
