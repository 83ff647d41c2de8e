package org.fluxj.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux kvs link [-T NS] TARGET LINKNAME}: a symlink, possibly to another namespace. */
@Command(name = "link", description = "Create a new name for target.")
final class KvsLinkCommand extends KvsCommitSubcommand {
    @Option(names = {"-T", "--target-namespace"}, paramLabel = "NAME", description = "Specify target's namespace")
    String targetNamespace;

    @Parameters(index = "0", paramLabel = "target")
    String target;

    @Parameters(index = "1", paramLabel = "linkname")
    String linkname;

    @Override
    public Integer call() {
        ArrayNode ops = Json.array();
        ops.add(Kvs.op(linkname, 0, TreeObj.Symlink.of(targetNamespace, target)));
        commitAndFinish(0, ops);
        out().flush();
        return 0;
    }
}
