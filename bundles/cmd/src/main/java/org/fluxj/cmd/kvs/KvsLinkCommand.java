package org.fluxj.cmd.kvs;

import org.fluxj.client.kvs.KvsTxn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs link [-T NS] TARGET LINKNAME}: a symlink, possibly to another namespace. */
@Command(name = "link", description = "Create a new name for target.")
final class KvsLinkCommand extends AbstractKvsCommitCommand {
    @Option(names = {"-T", "--target-namespace"}, paramLabel = "NAME", description = "Specify target's namespace")
    String targetNamespace;

    @Parameters(index = "0", paramLabel = "target")
    String target;

    @Parameters(index = "1", paramLabel = "linkname")
    String linkname;

    @Override
    public Integer call() {
        commitAndFinish(0, new KvsTxn().symlink(linkname, targetNamespace, target));
        out().flush();
        return 0;
    }
}
