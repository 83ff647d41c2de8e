package org.fluxj.cmd;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: the help option, the output streams and the error plumbing. A
 * subcommand declares its options with picocli annotations and implements {@link #call()};
 * it throws {@link CommandException} or a format's exception to fail with one line.
 */
public abstract class FluxCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this message.")
    boolean help;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected static CommandException fail(String format, Object... args) {
        return new CommandException(String.format(format, args));
    }
}
