package org.fluxj.cmd.kvs;

import picocli.CommandLine.Command;

/** {@code flux kvs copy SRC DST}: the source's tree object linked at the destination (flux_kvs_copy). */
@Command(name = "copy", description = "Copy source key to destination key.")
final class KvsCopyCommand extends AbstractKvsCopyCommand {
    @Override
    public Integer call() {
        copy();
        return 0;
    }
}
