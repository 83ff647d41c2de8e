package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.client.kvs.KvsTxn;
import picocli.CommandLine.Option;

/** A subcommand that commits: {@code -O}, {@code -b}, {@code -s} print the new root (commit_finish). */
abstract class AbstractKvsCommitCommand extends AbstractKvsCommand {

    @Option(names = {"-O", "--treeobj-root"}, description = "Output resulting RFC11 root containing puts")
    boolean treeobjRoot;

    @Option(names = {"-b", "--blobref"}, description = "Output blobref of root containing puts")
    boolean blobref;

    @Option(names = {"-s", "--sequence"}, description = "Output root sequence of root containing puts")
    boolean sequence;

    void commitAndFinish(int flags, KvsTxn txn) {
        JsonNode r = commit(ns(), flags, txn);
        if (treeobjRoot) {
            out().println(dirref(r.path("rootref").asText()));
        } else if (blobref) {
            out().println(r.path("rootref").asText());
        } else if (sequence) {
            out().println(r.path("rootseq").asLong());
        }
    }
}
