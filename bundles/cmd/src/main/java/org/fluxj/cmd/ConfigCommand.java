package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code flux config get|reload|builtin} (flux-core builtin/config.c). */
@Command(name = "config",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage configuration.")
final class ConfigCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("get", ConfigGetCommand.class,
                "reload", ConfigReloadCommand.class,
                "builtin", ConfigBuiltinCommand.class);
    }
}
