package org.fluxj.cmd.kvs;

import java.util.List;
import org.fluxj.client.kvs.KvsTxn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flux kvs mkdir KEY...}: empty directories, one commit. */
@Command(name = "mkdir", description = "Create a directory.")
final class KvsMkdirCommand extends AbstractKvsCommitCommand {
    @Parameters(paramLabel = "key", arity = "1..*")
    List<String> keys;

    @Override
    public Integer call() {
        KvsTxn txn = new KvsTxn();
        keys.forEach(txn::mkdir);
        commitAndFinish(0, txn);
        out().flush();
        return 0;
    }
}
