package org.fluxj.cmd;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code flux admin}: administrative operations on an instance (flux-core's flux-admin.py).
 * {@code system-scripts} comes with the job-manager's prolog, epilog and housekeeping.
 */
@Command(name = "admin",
        synopsisSubcommandLabel = "COMMAND",
        description = "Administrative operations on a Flux instance.")
final class AdminCommand extends FamilyCommand implements Argparse {
    @Override
    Map<String, Class<?>> subcommands() {
        return table("cleanup-push", AdminCleanupPushCommand.class);
    }
}
