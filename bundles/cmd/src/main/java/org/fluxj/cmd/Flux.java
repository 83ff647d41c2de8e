package org.fluxj.cmd;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code flux} command. Each subcommand is one small class; {@link FluxCommand} holds the
 * plumbing they share. Errors end as one line on stderr: status 1 for a failed command, 2
 * for a usage error.
 */
@Command(name = "flux",
        synopsisSubcommandLabel = "COMMAND",
        description = "Run a flux command.",
        footer = {"", "See 'flux help COMMAND' for more information about a specific command."},
        subcommands = {
            VersionCommand.class,
            HelpCommand.class,
            HostlistCommand.class,
        })
public final class Flux implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this message.")
    boolean help;

    @Option(names = {"-V", "--version"}, description = "Display command and component versions.")
    boolean version;

    @Option(names = {"-v", "--verbose"}, description = "Be verbose about environment and command search.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (version) {
            return cl.getSubcommands().get("version").execute();
        }
        cl.usage(cl.getErr());
        return 1;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; nothing here exits the JVM. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Flux());
        cl.setParameterExceptionHandler(Errors::usage);
        cl.setExecutionExceptionHandler(Errors::failure);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
