package org.fluxj.cmd.kvs;

import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs copy} and {@code move}: the source's tree object linked at the destination (flux_kvs_copy). */
abstract class AbstractKvsCopyCommand extends AbstractKvsCommand {
    @Option(names = {"-S", "--src-namespace"}, paramLabel = "NAME", description = "Specify source key's namespace")
    String srcNamespace;
    @Option(names = {"-D", "--dst-namespace"}, paramLabel = "NAME", description = "Specify destination key's namespace")
    String dstNamespace;

    @Parameters(index = "0", paramLabel = "source")
    String source;
    @Parameters(index = "1", paramLabel = "destination")
    String destination;

    void copy() {
        TreeObj t;
        try {
            t = Kvs.lookup(handle(), Kvs.namespace(srcNamespace), source, KvsFlags.TREEOBJ);
        } catch (IOException e) {
            throw fail("flux_kvs_copy: %s", e.getMessage());
        }
        commit(Kvs.namespace(dstNamespace), 0, new KvsTxn().put(destination, 0, t));
    }
}
