package org.fluxj.cmd.kvs;

import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.treeobj.KvsFlags;
import picocli.CommandLine.Command;

/** {@code flux kvs sync}: an empty commit with FLUX_KVS_SYNC (content and checkpoint on disk). */
@Command(name = "sync", description = "Flush pending content and checkpoints to disk.")
final class KvsSyncCommand extends AbstractKvsCommitCommand {
    @Override
    public Integer call() {
        commitAndFinish(KvsFlags.SYNC, new KvsTxn());
        out().flush();
        return 0;
    }
}
