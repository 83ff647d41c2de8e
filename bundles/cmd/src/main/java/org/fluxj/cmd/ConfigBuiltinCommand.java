package org.fluxj.cmd;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code flux config builtin NAME}: compiled-in paths (flux-core conf_builtin.c), here from
 * the fluxj tree bin/flux runs from.
 */
@Command(name = "builtin", description = "Print compiled-in Flux configuration values.")
final class ConfigBuiltinCommand extends FluxCommand {

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        String value = value(name);
        if (value == null) {
            throw fail("%s is invalid", name);
        }
        out().println(value);
        return 0;
    }

    static String value(String key) {
        Path home = Path.of(System.getProperty("fluxj.home", "."));
        return switch (key) {
            case "confdir" -> home.resolve("etc/flux").toString();
            case "libexecdir", "datadir" -> home.resolve("etc").toString();
            case "rc1_path" -> "flux modprobe rc1";
            case "rc3_path" -> "flux modprobe rc3";
            case "module_path" -> home.resolve("bundles/launcher/target/bundles").toString();
            case "exec_path" -> home.resolve("bin").toString();
            case "rundir" -> "/run/flux";
            default -> null;
        };
    }
}
