package org.fluxj.cmd.event;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import picocli.CommandLine.Command;

/** {@code flux event pub|sub} (flux-core src/cmd/flux-event.c). */
@Command(name = "event",
        synopsisSubcommandLabel = "COMMAND",
        description = "Send and receive Flux events.")
public final class EventCommand extends AbstractFamilyCommand {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("pub", EventPubCommand.class,
                "sub", EventSubCommand.class);
    }
}
