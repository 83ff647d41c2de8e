package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.util.List;
import org.fluxj.client.FluxException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs unlink [-R] [-f] KEY...}: one commit; a non-empty directory needs -R. */
@Command(name = "unlink", description = "Remove key.")
final class KvsUnlinkCommand extends AbstractKvsCommitCommand {
    @Option(names = {"-R", "--recursive"}, description = "Remove directory recursively")
    boolean recursive;
    @Option(names = {"-f", "--force"}, description = "ignore nonexistent files")
    boolean force;

    @Parameters(paramLabel = "key", arity = "1..*")
    List<String> keys;

    @Override
    public Integer call() {
        KvsTxn txn = new KvsTxn();
        for (String key : keys) {
            TreeObj t;
            try {
                t = Kvs.lookup(handle(), ns(), key, KvsFlags.TREEOBJ);
            } catch (FluxException e) {
                if (e.is(Errno.ENOENT) && force) {
                    continue;
                }
                throw fail("cannot unlink '%s': %s", key, e.getMessage());
            } catch (IOException e) {
                throw fail("cannot unlink '%s': %s", key, e.getMessage());
            }
            if ((t instanceof TreeObj.Dir || t instanceof TreeObj.DirRef) && !recursive) {
                TreeObj.Dir d = (TreeObj.Dir) lookup(key, KvsFlags.READDIR);
                if (d.count() > 0) {
                    throw fail("cannot unlink '%s': %s", key, Errno.ENOTEMPTY.message());
                }
            }
            txn.unlink(key);
        }
        if (!txn.isEmpty()) {
            commitAndFinish(0, txn);
        }
        out().flush();
        return 0;
    }
}
