package org.fluxj.cmd.r;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux R set-property PROPERTY:RANKS...}: add properties to the R on stdin. */
@Command(name = "set-property",
        description = "Set properties on R object on stdin, emitting the result on stdout")
final class RSetPropertyCommand extends AbstractCommand {

    @Parameters(paramLabel = "PROPERTY:RANKS", arity = "0..*",
            description = "A property and the ranks that get it (all ranks when RANKS is omitted).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ResourceSet rl = RInput.union();
        RInput.puts(out(), RInput.withProperties(rl, args));
        return 0;
    }
}
