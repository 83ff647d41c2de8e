package org.fluxj.cmd.module;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux module load MODULE [ARG...]}: a module name or a bundle jar path. */
@Command(name = "load", description = "Load module.")
final class ModuleLoadCommand extends AbstractModuleCommand {

    @Parameters(index = "0", paramLabel = "module", description = "Module name or bundle path.")
    String module;

    @Parameters(index = "1..*", paramLabel = "arg", description = "Module arguments.")
    List<String> args = List.of();

    @Override
    public Integer call() {
        load(module, args);
        return 0;
    }
}
