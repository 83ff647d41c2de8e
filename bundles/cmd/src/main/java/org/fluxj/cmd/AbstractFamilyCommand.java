package org.fluxj.cmd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command made of subcommands ({@code flux kvs}, {@code flux module}, ...). Its subcommands
 * are listed by {@link #subcommands()} rather than in its {@code @Command} annotation, so that
 * {@link Flux} builds picocli's model of the one a command line names and not of all of them: a
 * JVM start pays for each model it builds. Run without a subcommand, it prints its usage.
 */
public abstract class AbstractFamilyCommand extends AbstractCommand {

    /** Subcommand names and classes, in the order help lists them. */
    protected abstract Map<String, Class<?>> subcommands();

    /** The table of {@link #subcommands()}: name, class, name, class... */
    protected static Map<String, Class<?>> table(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenClass.length; i += 2) {
            m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return m;
    }

    /** No subcommand named: as optparse, "flux-CMD: missing subcommand" and the usage (argparse: the usage). */
    @Override
    public Integer call() {
        if (!Errors.isArgparse(spec.commandLine())) {
            err().printf("%s: missing subcommand%n", Errors.prefix(spec.commandLine()));
        }
        spec.commandLine().usage(err());
        return 1;
    }
}
