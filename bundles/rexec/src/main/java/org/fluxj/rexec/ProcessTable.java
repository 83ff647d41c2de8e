package org.fluxj.rexec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;

/** The server's processes in start order, with their labels. Used on the serial executor only. */
final class ProcessTable {
    private final Set<Subprocess> procs = new LinkedHashSet<>();
    private final Map<String, Subprocess> labels = new HashMap<>();

    void add(Subprocess p) {
        procs.add(p);
        if (p.cmd.label() != null) {
            labels.put(p.cmd.label(), p);
        }
    }

    void remove(Subprocess p) {
        if (procs.remove(p) && p.cmd.label() != null) {
            labels.remove(p.cmd.label(), p);
        }
    }

    boolean hasLabel(String label) {
        return labels.containsKey(label);
    }

    boolean isEmpty() {
        return procs.isEmpty();
    }

    int size() {
        return procs.size();
    }

    /** A snapshot, safe to iterate while removing. */
    List<Subprocess> all() {
        return new ArrayList<>(procs);
    }

    /** By label if one is given (the pid is then ignored), else by pid; ESRCH as flux-core words it. */
    Subprocess find(int pid, String label) throws RexecException {
        if (label != null) {
            Subprocess p = labels.get(label);
            if (p == null) {
                throw new RexecException(Errno.ESRCH, "label " + label + " does not belong to any subprocess");
            }
            return p;
        }
        for (Subprocess p : procs) {
            if (p.state != Subprocess.State.INIT && p.pid == pid) {
                return p;
            }
        }
        throw new RexecException(Errno.ESRCH, "pid " + pid + " does not belong to any subprocess");
    }

    /** The process whose current request came from the sender of {@code msg} with this matchtag. */
    Subprocess findByClient(Message msg, int matchtag) {
        for (Subprocess p : procs) {
            if (p.request != null && sameSender(p.request, msg) && p.request.matchtag() == matchtag) {
                return p;
            }
        }
        return null;
    }

    static boolean sameSender(Message a, Message b) {
        return Objects.equals(a.routeFirst(), b.routeFirst());
    }
}
