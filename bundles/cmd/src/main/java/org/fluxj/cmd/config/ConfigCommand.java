package org.fluxj.cmd.config;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/**
 * {@code flux config get|set|unset|builtin|load|reload} (flux-core builtin/config.c). The live
 * configuration is the broker's {@code config} service's: {@code config.get} reads it, and
 * {@code config.load} replaces it on rank 0, from where it reaches every broker.
 */
@Command(name = "config",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage/query Flux configuration.")
public final class ConfigCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("get", ConfigGetCommand.class,
                "set", ConfigSetCommand.class,
                "unset", ConfigUnsetCommand.class,
                "builtin", ConfigBuiltinCommand.class,
                "load", ConfigLoadCommand.class,
                "reload", ConfigReloadCommand.class);
    }
}
