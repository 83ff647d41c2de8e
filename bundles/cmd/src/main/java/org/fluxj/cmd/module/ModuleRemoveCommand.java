package org.fluxj.cmd.module;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux module remove [-f] MODULE}: stops the module (its bundle is stopped). */
@Command(name = "remove", aliases = "unload", description = "Unload module.")
final class ModuleRemoveCommand extends AbstractModuleCommand {

    @Option(names = {"-f", "--force"}, description = "Ignore nonexistent modules.")
    boolean force;

    @Option(names = "--cancel", description = "Accepted for compatibility; modules stop on their own thread.")
    boolean cancel;

    @Parameters(paramLabel = "module")
    String module;

    @Override
    public Integer call() {
        remove(module, force);
        return 0;
    }
}
