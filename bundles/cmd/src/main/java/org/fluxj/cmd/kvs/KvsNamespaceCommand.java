package org.fluxj.cmd.kvs;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux kvs namespace create|remove|list}. */
@Command(name = "namespace", synopsisSubcommandLabel = "COMMAND", description = "Perform KVS namespace operations.")
final class KvsNamespaceCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("create", KvsNamespaceCreateCommand.class,
                "remove", KvsNamespaceRemoveCommand.class,
                "list", KvsNamespaceListCommand.class);
    }
}
