package org.fluxj.cmd.config;

import org.fluxj.cmd.AbstractCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flux config reload [--follower-noop]}: rank 0 re-reads its configuration files. */
@Command(name = "reload", description = "Reload broker configuration from files.",
        customSynopsis = "flux config reload [OPTIONS]")
final class ConfigReloadCommand extends AbstractCommand {

    @Option(names = "--follower-noop", description = "Do nothing if run on a non-leader broker (for systemd use).")
    boolean followerNoop;

    @Override
    public Integer call() {
        if (followerNoop && !"0".equals(findattr("rank"))) {
            return 0;
        }
        rpcNoPayload("reload", "config.reload", null);
        return 0;
    }
}
