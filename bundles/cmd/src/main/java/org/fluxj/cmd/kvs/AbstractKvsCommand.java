package org.fluxj.cmd.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.fluxj.client.kvs.Kvs;
import org.fluxj.client.kvs.KvsTxn;
import org.fluxj.cmd.AbstractCommand;
import org.fluxj.cmd.CommandException;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.treeobj.TreeObj;
import picocli.CommandLine.Option;

/** What every {@code flux kvs} subcommand shares: {@code -N NAMESPACE} and errors as "KEY: reason". */
abstract class AbstractKvsCommand extends AbstractCommand {

    @Option(names = {"-N", "--namespace"}, paramLabel = "NAME", description = "Specify KVS namespace to use.")
    String namespaceOption;

    String ns() {
        return Kvs.namespace(namespaceOption);
    }

    /** A lookup whose failure ends the command as "KEY: reason". */
    TreeObj lookup(String key, int flags) {
        try {
            return Kvs.lookup(handle(), ns(), key, flags);
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
    }

    TreeObj lookupAt(String at, String key, int flags) {
        try {
            return at == null ? Kvs.lookup(handle(), ns(), key, flags) : Kvs.lookupAt(handle(), rootdir(at), key, flags);
        } catch (IOException e) {
            throw fail("%s: %s", key, e.getMessage());
        }
    }

    private static TreeObj rootdir(String treeobj) {
        try {
            return TreeObj.decode(treeobj);
        } catch (FormatException e) {
            throw new CommandException(e.getMessage());
        }
    }

    JsonNode commit(String ns, int flags, KvsTxn txn) {
        try {
            return Kvs.commit(handle(), ns, flags, txn);
        } catch (IOException e) {
            throw fail("flux_kvs_commit: %s", e.getMessage());
        }
    }

    /** The value bytes of a looked-up object (treeobj_decode_val). */
    static byte[] data(TreeObj t) {
        if (t instanceof TreeObj.Val v) {
            return v.data();
        }
        throw new CommandException("value is a " + t.type() + ", not a val");
    }

    /** A dirref tree object text, as flux kvs getroot prints the root. */
    static String dirref(String blobref) {
        return "{\"data\":[\"" + blobref + "\"],\"type\":\"dirref\",\"ver\":1}";
    }

    /** The terminal width as flux-kvs finds it: COLUMNS, else 80. */
    static int windowWidth() {
        String c = System.getenv("COLUMNS");
        try {
            return c != null ? Integer.parseInt(c.strip()) : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
