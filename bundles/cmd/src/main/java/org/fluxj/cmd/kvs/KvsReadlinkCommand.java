package org.fluxj.cmd.kvs;

import java.util.List;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs readlink KEY...}: "target" or "namespace::target". */
@Command(name = "readlink", description = "Retrieve key pointed to by symbolic link.")
final class KvsReadlinkCommand extends AbstractKvsCommand {
    @Option(names = {"-a", "--at"}, paramLabel = "TREEOBJ", description = "Lookup relative to RFC 11 snapshot reference")
    String at;
    @Option(names = {"-o", "--namespace-only"}, description = "Output only namespace if link points to a namespace")
    boolean namespaceOnly;
    @Option(names = {"-k", "--key-only"}, description = "Output only key if link points to a namespace")
    boolean keyOnly;

    @Parameters(paramLabel = "key", arity = "1..*")
    List<String> keys;

    @Override
    public Integer call() {
        if (namespaceOnly && keyOnly) {
            throw fail("readlink: --namespace-only and --key-only are mutually exclusive");
        }
        for (String key : keys) {
            TreeObj t = lookupAt(at, key, KvsFlags.READLINK);
            if (!(t instanceof TreeObj.Symlink s)) {
                throw fail("%s: %s", key, "Invalid argument");
            }
            if (s.namespace().isPresent()) {
                out().println(namespaceOnly ? s.namespace().get() : keyOnly ? s.target()
                        : s.namespace().get() + "::" + s.target());
            } else {
                out().println(s.target());
            }
        }
        out().flush();
        return 0;
    }
}
