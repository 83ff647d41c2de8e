package org.fluxj.kvs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.treeobj.BlobRef;
import org.fluxj.formats.treeobj.KvsFlags;
import org.fluxj.kernel.api.ModuleContext;

/** A KVS namespace on rank 0 (flux-core's kvsroot): its root, owner, and commits waiting their turn. */
final class Namespace {
    static final String PRIMARY = "primary";

    /** One commit (or a complete fence): the requests it answers and its operations. */
    static final class Commit {
        final List<Message> requests = new ArrayList<>();
        final List<Txn.Op> ops = new ArrayList<>();
        final int flags;
        final String name;

        Commit(String name, int flags) {
            this.name = name;
            this.flags = flags;
        }

        boolean mergeable() {
            return (flags & (KvsFlags.NO_MERGE | KvsFlags.SYNC)) == 0;
        }
    }

    final String name;
    final int owner;
    final int flags;
    BlobRef ref;
    long seq;
    boolean removed;
    /** Commits not yet applied, in arrival order. */
    final ArrayDeque<Commit> queue = new ArrayDeque<>();
    /** Whether a batch of commits is being applied and stored. */
    boolean busy;
    /** kvs.wait-version requests by the version they wait for. */
    final TreeMap<Long, List<Message>> versionWaiters = new TreeMap<>();
    /** kvs.setroot-pause: answers to applied commits are held until kvs.setroot-unpause. */
    boolean paused;
    /** The held answers, in the order the commits were applied: each request and its answer. */
    final List<Map.Entry<Message, ObjectNode>> held = new ArrayList<>();

    Namespace(String name, int owner, int flags, BlobRef ref, long seq) {
        this.name = name;
        this.owner = owner;
        this.flags = flags;
        this.ref = ref;
        this.seq = seq;
    }

    boolean primary() {
        return name.equals(PRIMARY);
    }

    /** What kvs.wait-version answers: the root now. */
    ObjectNode versionInfo() {
        ObjectNode r = Json.object();
        r.put("rootseq", seq);
        r.put("rootref", ref.toString());
        return r;
    }

    /** Answers the kvs.wait-version requests the root has now reached. */
    void wakeVersionWaiters(ModuleContext ctx) {
        while (!versionWaiters.isEmpty() && versionWaiters.firstKey() <= seq) {
            versionWaiters.pollFirstEntry().getValue().forEach(w -> ctx.respond(w, versionInfo()));
        }
    }

    /** check_user: the owner role, or a user whose userid owns the namespace. */
    boolean admits(Message m) {
        return m.authorizes(owner);
    }
}
