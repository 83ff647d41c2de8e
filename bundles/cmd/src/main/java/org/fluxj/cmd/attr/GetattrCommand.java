package org.fluxj.cmd.attr;

import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux getattr NAME}: prints a broker attribute (flux-core builtin/attr.c). */
@Command(name = "getattr", description = "Get broker attribute.")
public final class GetattrCommand extends AbstractCommand {

    @Parameters(paramLabel = "name", description = "The attribute.")
    String name;

    @Override
    public Integer call() {
        out().println(getattr(name));
        return 0;
    }
}
