package org.fluxj.cmd;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux help [COMMAND...]}: the usage of flux, or of one command. */
@Command(name = "help", description = "Display help information for flux commands.")
final class HelpCommand extends AbstractCommand {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to describe.")
    List<String> command = List.of();

    @Override
    public Integer call() {
        CommandLine target = spec.commandLine().getParent();
        for (String name : command) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw fail("No help for %s", String.join(" ", command));
            }
            target = sub;
        }
        target.usage(out());
        return 0;
    }
}
