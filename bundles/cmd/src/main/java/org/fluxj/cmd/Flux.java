package org.fluxj.cmd;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fluxj.cmd.admin.AdminCommand;
import org.fluxj.cmd.attr.GetattrCommand;
import org.fluxj.cmd.attr.LsattrCommand;
import org.fluxj.cmd.attr.SetattrCommand;
import org.fluxj.cmd.config.ConfigCommand;
import org.fluxj.cmd.content.ContentCommand;
import org.fluxj.cmd.content.DumpCommand;
import org.fluxj.cmd.content.RestoreCommand;
import org.fluxj.cmd.env.EnvCommand;
import org.fluxj.cmd.event.EventCommand;
import org.fluxj.cmd.exec.ExecCommand;
import org.fluxj.cmd.exec.SprocCommand;
import org.fluxj.cmd.hostlist.HostlistCommand;
import org.fluxj.cmd.job.CancelCommand;
import org.fluxj.cmd.job.JobCommand;
import org.fluxj.cmd.job.JobValidatorCommand;
import org.fluxj.cmd.job.RunCommand;
import org.fluxj.cmd.job.SubmitCommand;
import org.fluxj.cmd.keygen.KeygenCommand;
import org.fluxj.cmd.kvs.KvsCommand;
import org.fluxj.cmd.log.DmesgCommand;
import org.fluxj.cmd.log.LoggerCommand;
import org.fluxj.cmd.module.ModuleCommand;
import org.fluxj.cmd.overlay.OverlayCommand;
import org.fluxj.cmd.ping.PingCommand;
import org.fluxj.cmd.r.RCommand;
import org.fluxj.cmd.resource.ResourceCommand;
import org.fluxj.cmd.shutdown.ShutdownCommand;
import org.fluxj.cmd.start.StartCommand;
import org.fluxj.cmd.uptime.UptimeCommand;
import org.fluxj.cmd.uri.UriCommand;
import org.fluxj.cmd.version.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code flux} command. Each subcommand is one small class; {@link AbstractCommand} holds the
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
        COMMANDS.put("cancel", CancelCommand.class);
        COMMANDS.put("job-validator", JobValidatorCommand.class);
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
        COMMANDS.put("admin", AdminCommand.class);
        COMMANDS.put("env", EnvCommand.class);
        COMMANDS.put("resource", ResourceCommand.class);
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
     * A command's picocli model, built on its own so that picocli applies its model
     * transformer. A family's subcommands are added as {@link Getopt} meets their names, so
     * only the models a command line names are built (a JVM start pays for each); all of
     * them when {@code all} is set (help and usage errors list them), and for a family read
     * by argparse, whose words picocli reads alone.
     */
    private static CommandLine create(Class<?> command, boolean all) {
        CommandLine cl = configure(new CommandLine(command));
        if (cl.getCommand() instanceof AbstractFamilyCommand f && (all || cl.getCommand() instanceof Argparse)) {
            f.subcommands().forEach((n, c) -> cl.addSubcommand(n, create(c, true)));
        }
        return cl;
    }

    /** Sets how picocli reads the words of one command: as {@link Getopt} rewrote them, or as argparse. */
    public static CommandLine configure(CommandLine cl) {
        boolean argparse = cl.getCommand() instanceof Argparse;
        // repeated options are not errors, in getopt or in argparse; a value getopt took may
        // look like an option
        cl.setOverwrittenOptionsAllowed(true);
        cl.setAllowOptionsAsOptionParameters(!argparse);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        if (!argparse) {
            cl.setEndOfOptionsDelimiter(Getopt.END_OF_OPTIONS);
        } else {
            // argparse's usage line, which scripts grep: "usage: flux-sproc ps [-h] ..."
            cl.getCommandSpec().usageMessage().synopsisHeading("usage: ");
            Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
            CommandLine.IHelpSectionRenderer synopsis = sections.get(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS);
            sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                    help -> synopsis.render(help).replaceFirst("^flux ", "flux-"));
            cl.setHelpSectionMap(sections);
        }
        return cl;
    }

    /**
     * The subcommand of {@code parent} called {@code name}, added to it now; null if none is.
     * When none is (or {@code name} is null: the words named none), all are added, for usage.
     */
    private static CommandLine subcommand(CommandLine parent, String name) {
        CommandLine known = name == null ? null : parent.getSubcommands().get(name);
        if (known != null) {
            return known;
        }
        Map<String, Class<?>> table;
        if (parent.getCommand() instanceof AbstractFamilyCommand f) {
            table = f.subcommands();
        } else if (parent.getCommand() instanceof Flux) {
            table = COMMANDS;
        } else {
            return null;
        }
        Class<?> command = name == null || name.equals("help") ? null : table.get(name);
        if (command == null) {
            table.forEach((n, c) -> parent.addSubcommand(n, create(c, true)));
            return parent.getSubcommands().get(name);
        }
        CommandLine sub = create(command, false);
        parent.addSubcommand(name, sub);
        return sub;
    }

    /**
     * Runs the command a command line named, or prints the usage it asked for: on standard error
     * for the commands of flux-core's optparse (its usage goes there), on standard output for
     * those of argparse.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested()) {
                CommandLine cl = p.commandSpec().commandLine();
                cl.usage(Errors.isArgparse(cl) ? cl.getOut() : cl.getErr());
                return 0;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
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
        CommandLine cl = create(Flux.class, false);
        String[] words = null;
        Getopt.Refused refused = null;
        try {
            words = Getopt.rewrite(cl, List.of(args), Flux::subcommand).toArray(String[]::new);
        } catch (Getopt.Refused e) {
            refused = e;
        }
        // set now, so that they reach every subcommand the walk added
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Errors::usage);
        cl.setExecutionStrategy(Flux::execute);
        cl.setExecutionExceptionHandler(Errors::failure);
        if (refused != null) {
            return Errors.usage(refused, args);
        }
        try {
            return cl.execute(words);
        } catch (VirtualMachineError e) {
            // picocli hands only Exceptions to Errors.failure: no stack trace reaches the user either way
            CommandLine last = cl;
            for (CommandLine.ParseResult p = cl.getParseResult(); p != null; p = p.subcommand()) {
                last = p.commandSpec().commandLine();
            }
            err.printf("%s: internal error: %s%n", Errors.prefix(last), e);
            return 1;
        } finally {
            // a connection left open keeps its reader thread in a native read, and the JVM's
            // exit waits 300 ms for such threads: close it so the command ends at once
            for (CommandLine.ParseResult p = cl.getParseResult(); p != null; p = p.subcommand()) {
                if (p.commandSpec().userObject() instanceof AbstractCommand f) {
                    f.disconnect();
                }
            }
        }
    }
}
