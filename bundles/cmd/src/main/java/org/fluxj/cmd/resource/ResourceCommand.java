package org.fluxj.cmd.resource;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import org.fluxj.cmd.Argparse;
import picocli.CommandLine.Command;

/** {@code flux resource}: list, drain and undrain the instance's resources (flux-resource.py). */
@Command(name = "resource",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage and query resources in a Flux instance.")
public final class ResourceCommand extends AbstractFamilyCommand implements Argparse {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("status", ResourceStatusCommand.class,
                "list", ResourceListCommand.class,
                "drain", ResourceDrainCommand.class,
                "undrain", ResourceUndrainCommand.class,
                "info", ResourceInfoCommand.class,
                "R", ResourceRCommand.class);
    }
}
