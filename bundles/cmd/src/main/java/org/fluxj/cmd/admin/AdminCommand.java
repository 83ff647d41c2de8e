package org.fluxj.cmd.admin;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import org.fluxj.cmd.Argparse;
import picocli.CommandLine.Command;

/**
 * {@code flux admin}: administrative operations on an instance (flux-core's flux-admin.py).
 * {@code system-scripts} comes with the job-manager's prolog, epilog and housekeeping.
 */
@Command(name = "admin",
        synopsisSubcommandLabel = "COMMAND",
        description = "Administrative operations on a Flux instance.")
public final class AdminCommand extends AbstractFamilyCommand implements Argparse {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("cleanup-push", AdminCleanupPushCommand.class);
    }
}
