package org.fluxj.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code flux config get|set|unset|builtin|load|reload} (flux-core builtin/config.c). The live
 * configuration is the broker's {@code config} service's: {@code config.get} reads it, and
 * {@code config.load} replaces it on rank 0, from where it reaches every broker.
 */
@Command(name = "config",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage/query Flux configuration.")
final class ConfigCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("get", ConfigGetCommand.class,
                "set", ConfigSetCommand.class,
                "unset", ConfigUnsetCommand.class,
                "builtin", ConfigBuiltinCommand.class,
                "load", ConfigLoadCommand.class,
                "reload", ConfigReloadCommand.class);
    }

    /** The broker's configuration object (config.get). */
    static ObjectNode fetch(FluxCommand cmd) {
        JsonNode o = cmd.rpc("Error fetching config object", "config.get", null);
        if (!(o instanceof ObjectNode c)) {
            throw fail("Error fetching config object: Protocol error");
        }
        return c;
    }

    /** Replaces the broker's configuration (config.load); a failure ends the command as "{@code what}: reason". */
    static void load(FluxCommand cmd, String what, ObjectNode conf) {
        cmd.rpcNoPayload(what, "config.load", conf);
    }
}
