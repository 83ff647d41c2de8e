package org.fluxj.cmd;

import picocli.CommandLine.Command;

/** {@code flux config reload}: the broker re-reads its configuration directory. */
@Command(name = "reload", description = "Reload broker configuration from files.")
final class ConfigReloadCommand extends FluxCommand {

    @Override
    public Integer call() {
        rpcNoPayload("reload", "config.reload", null);
        return 0;
    }
}
