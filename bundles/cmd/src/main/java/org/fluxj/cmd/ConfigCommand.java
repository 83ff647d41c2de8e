package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux config get|reload|builtin} (flux-core builtin/config.c). */
@Command(name = "config",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage configuration.",
        subcommands = {
            ConfigGetCommand.class,
            ConfigReloadCommand.class,
            ConfigBuiltinCommand.class,
        })
final class ConfigCommand extends FluxCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return 1;
    }
}
