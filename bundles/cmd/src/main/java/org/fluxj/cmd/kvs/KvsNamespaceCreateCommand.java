package org.fluxj.cmd.kvs;

import java.io.IOException;
import java.util.List;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs namespace create [-o UID] [-r TREEOBJ] NAME...}: empty root unless -r gives one. */
@Command(name = "create", description = "Create a KVS namespace.")
final class KvsNamespaceCreateCommand extends AbstractCommand {
    @Option(names = {"-o", "--owner"}, paramLabel = "UID", description = "Specify alternate namespace owner via userid")
    Long owner;
    @Option(names = {"-r", "--rootref"}, paramLabel = "TREEOBJ", description = "Initialize namespace with specific root reference")
    String rootref;

    @Parameters(paramLabel = "name", arity = "1..*")
    List<String> names;

    @Override
    public Integer call() {
        String ref;
        try {
            if (rootref != null) {
                if (!(TreeObj.decode(rootref) instanceof TreeObj.DirRef d) || d.refs().size() != 1) {
                    throw fail("invalid rootref: must be a dirref with one blobref");
                }
                ref = d.refs().get(0).toString();
            } else {
                ref = TreeObj.Dir.empty().blobRef(hashAlgorithm()).toString();
            }
        } catch (FormatException e) {
            throw fail("%s", e.getMessage());
        }
        for (String name : names) {
            try {
                Kvs.namespaceCreate(handle(), name, ref, owner == null ? -1 : owner.intValue(), 0);
            } catch (IOException e) {
                throw fail("%s: %s", name, e.getMessage());
            }
        }
        return 0;
    }
}
