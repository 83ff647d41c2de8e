package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code flux event pub|sub} (flux-core src/cmd/flux-event.c). */
@Command(name = "event",
        synopsisSubcommandLabel = "COMMAND",
        description = "Send and receive Flux events.")
final class EventCommand extends FamilyCommand {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("pub", EventPubCommand.class,
                "sub", EventSubCommand.class);
    }
}
