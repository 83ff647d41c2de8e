package org.fluxj.cmd;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        footer = {"", "See 'flux help COMMAND' for more information about a specific command."})
public final class Flux implements Callable<Integer> {

    /** Every subcommand, in the order {@code flux help} lists them. */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("help", HelpCommand.class);
        COMMANDS.put("version", VersionCommand.class);
        COMMANDS.put("hostlist", HostlistCommand.class);
        COMMANDS.put("job", JobCommand.class);
        COMMANDS.put("R", RCommand.class);
        COMMANDS.put("submit", SubmitCommand.class);
        COMMANDS.put("run", RunCommand.class);
        COMMANDS.put("start", StartCommand.class);
        COMMANDS.put("keygen", KeygenCommand.class);
        COMMANDS.put("getattr", GetattrCommand.class);
        COMMANDS.put("setattr", SetattrCommand.class);
        COMMANDS.put("lsattr", LsattrCommand.class);
        COMMANDS.put("dmesg", DmesgCommand.class);
        COMMANDS.put("logger", LoggerCommand.class);
        COMMANDS.put("module", ModuleCommand.class);
        COMMANDS.put("event", EventCommand.class);
        COMMANDS.put("shutdown", ShutdownCommand.class);
        COMMANDS.put("config", ConfigCommand.class);
        COMMANDS.put("uptime", UptimeCommand.class);
        COMMANDS.put("ping", PingCommand.class);
        COMMANDS.put("overlay", OverlayCommand.class);
        COMMANDS.put("uri", UriCommand.class);
        COMMANDS.put("exec", ExecCommand.class);
        COMMANDS.put("sproc", SprocCommand.class);
        COMMANDS.put("kvs", KvsCommand.class);
        COMMANDS.put("content", ContentCommand.class);
        COMMANDS.put("dump", DumpCommand.class);
        COMMANDS.put("restore", RestoreCommand.class);
    }

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

    /**
     * A subcommand built on its own, so that picocli applies its model transformer; of a
     * {@link FamilyCommand}, only the subcommand {@code operands} names next is built (all of them if
     * it names none, for help and usage errors), and so on down.
     */
    private static CommandLine build(Class<?> command, List<String> operands) {
        CommandLine cl = new CommandLine(command);
        if (cl.getCommand() instanceof FamilyCommand f) {
            String next = operands.isEmpty() ? null : operands.get(0);
            Class<?> only = next == null || next.equals("help") ? null : f.subcommands().get(next);
            if (only != null) {
                cl.addSubcommand(next, build(only, operands.subList(1, operands.size())));
            } else {
                f.subcommands().forEach((n, c) -> cl.addSubcommand(n, build(c, List.of())));
            }
        }
        return cl;
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
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            // a connection left open keeps its reader thread in a native read, and the JVM's
            // exit waits 300 ms for such threads: close it so the command ends at once
            for (CommandLine.ParseResult p = cl.getParseResult(); p != null; p = p.subcommand()) {
                if (p.commandSpec().userObject() instanceof FluxCommand f) {
                    f.disconnect();
                }
            }
        }
    }

    /**
     * The command line for {@code args}. Only the subcommand named in {@code args} is
     * introspected by picocli, so start-up time does not grow with the number of commands;
     * help and usage errors get them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Flux());
        // the words that are not options: a command, its subcommand... (an option's value
        // may pass for one; then every subcommand is built, which is only slower)
        List<String> operands = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                operands.add(arg);
            }
        }
        String name = operands.isEmpty() ? null : operands.get(0);
        Class<?> only = "help".equals(name) ? null : COMMANDS.get(name);
        if (only != null) {
            cl.addSubcommand(name, build(only, operands.subList(1, operands.size())));
        } else {
            COMMANDS.forEach((n, c) -> cl.addSubcommand(n, build(c, List.of())));
        }
        cl.setParameterExceptionHandler(Errors::usage);
        cl.setExecutionExceptionHandler(Errors::failure);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
