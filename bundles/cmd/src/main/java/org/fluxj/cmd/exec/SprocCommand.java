package org.fluxj.cmd.exec;

import java.util.Map;
import org.fluxj.cmd.AbstractFamilyCommand;
import org.fluxj.cmd.Argparse;
import picocli.CommandLine.Command;

/**
 * {@code flux sproc ps|kill|wait}: the processes of a subprocess server (RFC 42 {@code rexec}),
 * as flux-core's src/cmd/flux-sproc.py. A process is named by pid or by the label it was
 * started with ({@code flux exec --label}). Without a subcommand the usage is shown and the
 * status is 1.
 */
@Command(name = "sproc",
        synopsisSubcommandLabel = "COMMAND",
        description = "Manage subprocesses of Flux subprocess servers.",
        footer = {"", "supported subcommands: ps, kill, wait"})
public final class SprocCommand extends AbstractFamilyCommand implements Argparse {
    @Override
    protected Map<String, Class<?>> subcommands() {
        return table("ps", SprocPsCommand.class,
                "kill", SprocKillCommand.class,
                "wait", SprocWaitCommand.class);
    }
}
