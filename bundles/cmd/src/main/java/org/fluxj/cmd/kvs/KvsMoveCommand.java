package org.fluxj.cmd.kvs;

import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import picocli.CommandLine.Command;

/** {@code flux kvs move SRC DST}: copy, then unlink the source (flux_kvs_move). */
@Command(name = "move", description = "Move source key to destination key.")
final class KvsMoveCommand extends AbstractKvsCopyCommand {
    @Override
    public Integer call() {
        copy();
        commit(Kvs.namespace(srcNamespace), 0, new KvsTxn().unlink(source));
        return 0;
    }
}
