package org.fluxj.cmd.config;

import java.nio.file.Path;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.conf.ConfBuiltin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config builtin [--intree|--installed] NAME}: a compiled-in path (flux-core
 * conf_builtin.c); by default, the source tree's when bin/flux runs from one.
 */
@Command(name = "builtin", description = "Print compiled-in Flux configuration values.",
        customSynopsis = "flux config builtin NAME")
final class ConfigBuiltinCommand extends AbstractCommand {

    @Option(names = "--intree", description = "Force in-tree paths to be used.")
    boolean intree;

    @Option(names = "--installed", description = "Force installed paths to be used.")
    boolean installed;

    @Parameters(paramLabel = "NAME", description = "rc1_path, rc3_path, confdir, exec_path, module_path, ...")
    String name;

    @Override
    public Integer call() {
        ConfBuiltin.Hint hint = installed ? ConfBuiltin.Hint.INSTALLED
                : intree ? ConfBuiltin.Hint.INTREE : ConfBuiltin.Hint.AUTO;
        String value = ConfBuiltin.get(name, hint, Path.of(System.getProperty("fluxj.home", ".")));
        if (value == null) {
            throw fail("%s is invalid", name);
        }
        out().println(value);
        return 0;
    }
}
