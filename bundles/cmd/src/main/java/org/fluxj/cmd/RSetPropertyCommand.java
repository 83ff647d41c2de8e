package org.fluxj.cmd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.idset.IdSet;
import org.fluxj.formats.rset.ResourceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux R set-property PROPERTY:RANKS...}: add properties to the R on stdin. */
@Command(name = "set-property",
        description = "Set properties on R object on stdin, emitting the result on stdout")
final class RSetPropertyCommand extends FluxCommand {

    @Parameters(paramLabel = "PROPERTY:RANKS", arity = "0..*",
            description = "A property and the ranks that get it (all ranks when RANKS is omitted).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ResourceSet rl = RInput.union();
        String all = rl.ranks().encode(IdSet.Flag.RANGE);
        Map<String, String> props = new LinkedHashMap<>();
        for (String a : args) {
            RInput.property(a, all, props);
        }
        try {
            rl = rl.withProperties(props);
        } catch (FormatException e) {
            throw fail("failed to assign properties: %s", e.getMessage());
        }
        RInput.puts(out(), rl);
        return 0;
    }
}
