package org.fluxj.cmd.module;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux module reload [-f] MODULE [ARG...]}: remove then load, as flux-core does; a
 * module bundle whose jar was rebuilt is updated in place on the load.
 */
@Command(name = "reload", description = "Reload module.")
final class ModuleReloadCommand extends AbstractModuleCommand {

    @Option(names = {"-f", "--force"}, description = "Ignore nonexistent modules.")
    boolean force;

    @Option(names = "--name", paramLabel = "NAME", description = "Override default module name.")
    String name;

    @Parameters(index = "0", paramLabel = "module")
    String module;

    @Parameters(index = "1..*", paramLabel = "arg")
    List<String> args = List.of();

    @Override
    public Integer call() {
        remove(name != null ? name : module, force);
        load(module, args);
        return 0;
    }
}
