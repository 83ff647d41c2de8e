package org.fluxj.overlay.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.formats.taskmap.TaskMap;
import org.fluxj.pmi.PmiClient;

/**
 * The plan of a broker started by a PMI launcher ({@code flux start --test-size}, Hydra, a
 * Flux job shell), as flux-core's boot_pmi.c: each broker binds for its children (ipc:// in
 * the rundir when they all share its node, tcp:// when none does, both otherwise), puts its
 * business card under its rank, waits at a barrier, reads its parent's card (URI and public
 * key) and its children's (public keys), and waits at a second barrier so that no child
 * connects before its parent knows its key.
 */
public final class PmiBoot {

    /** Binds the overlay's child socket to each URI and returns the URIs peers connect to. */
    @FunctionalInterface
    public interface Binder {
        List<String> bind(List<String> uris) throws Exception;
    }

    /**
     * What this broker knows before the exchange.
     *
     * @param hostname  this broker's host
     * @param pubkey    this broker's CURVE public key (Z85)
     * @param rundir    where ipc:// sockets go ({@code RUNDIR/tbon-RANK})
     * @param tcpUri    the tcp:// URI to bind when children are remote, with a wildcard port
     *                  (as {@code tcp://10.0.0.1:*}); the binder resolves the port
     * @param preferTcp {@code tbon.prefertcp}: tcp:// even for local children
     */
    public record Local(String hostname, String pubkey, String rundir, String tcpUri, boolean preferTcp) {
    }

    private PmiBoot() {
    }

    /** Runs the exchange on an initialized client. */
    public static BootPlan exchange(PmiClient pmi, Local me, TreeShape tree, Binder binder) throws BootException {
        return exchange(pmi, me, tree, binder, keys -> { });
    }

    /**
     * Runs the exchange on an initialized client; {@code authorize} gets the children's public keys by
     * rank before the second barrier, so that they are admitted before any child can connect.
     */
    public static BootPlan exchange(PmiClient pmi, Local me, TreeShape tree, Binder binder,
            Consumer<Map<Integer, String>> authorize) throws BootException {
        int rank = pmi.rank();
        int size = pmi.size();
        try {
            String mapping = mapping(pmi, size);
            if (size == 1) {
                return BootPlan.singleton("simple", me.hostname());
            }
            TaskMap map = mapping == null ? null : TaskMap.parse(mapping);
            List<Integer> children = tree.childrenOf(rank);
            List<String> endpoints = List.of();
            if (!children.isEmpty()) {
                endpoints = binder.bind(bindUris(rank, children, map, me));
            }
            pmi.put(Integer.toString(rank), new BizCard(me.hostname(), me.pubkey(), endpoints).encode());
            pmi.barrier();
            int parent = tree.parentOf(rank);
            String parentUri = null;
            String parentKey = null;
            if (rank > 0) {
                BizCard pc = card(pmi, parent);
                if (!me.preferTcp() && sameNode(map, rank, parent)) {
                    parentUri = pc.uri("ipc://");
                }
                if (parentUri == null) {
                    parentUri = pc.uri(null);
                }
                if (parentUri == null) {
                    throw new BootException("connect URI is undefined for rank " + parent);
                }
                parentKey = pc.pubkey();
            }
            Map<Integer, String> childKeys = new LinkedHashMap<>();
            for (int child : children) {
                childKeys.put(child, card(pmi, child).pubkey());
            }
            authorize.accept(childKeys);
            pmi.barrier();
            Hostlist hosts = new Hostlist();
            for (int r = 0; r < size; r++) {
                hosts.append(r == rank ? me.hostname() : card(pmi, r).host());
            }
            return new BootPlan("simple", rank, size, me.hostname(), hosts.encode(), endpoints,
                    endpoints.isEmpty() ? null : endpoints.get(0), parent, parentUri, parentKey, childKeys, null, true,
                    map == null ? null : map.encode());
        } catch (BootException e) {
            throw e;
        } catch (IOException e) {
            throw new BootException("simple: " + e.getMessage(), e);
        } catch (FormatException e) {
            throw new BootException("simple: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BootException("simple: bind: " + e.getMessage(), e);
        }
    }

    /**
     * The URIs rank binds for its children: ipc:// when every child shares its node (by the
     * mapping), tcp:// when none does or {@code preferTcp}, else both (tcp first).
     */
    public static List<String> bindUris(int rank, List<Integer> children, TaskMap map, Local me) {
        int local = 0;
        for (int c : children) {
            if (sameNode(map, rank, c)) {
                local++;
            }
        }
        String ipc = "ipc://" + me.rundir() + "/tbon-" + rank;
        List<String> uris = new ArrayList<>();
        if (me.preferTcp() || local == 0) {
            uris.add(me.tcpUri());
        } else if (local == children.size()) {
            uris.add(ipc);
        } else {
            uris.add(me.tcpUri());
            uris.add(ipc);
        }
        return uris;
    }

    private static boolean sameNode(TaskMap map, int a, int b) {
        if (map == null || map.isUnknown()) {
            return false;
        }
        OptionalInt na = map.nodeId(a);
        OptionalInt nb = map.nodeId(b);
        return na.isPresent() && nb.isPresent() && na.getAsInt() == nb.getAsInt();
    }

    /** flux.taskmap if the launcher is Flux, else PMI_process_mapping; null if neither. */
    private static String mapping(PmiClient pmi, int size) throws IOException {
        if (size == 1) {
            return "[[0,1,1,1]]";
        }
        var v = pmi.lookup("flux.taskmap");
        if (v.isEmpty()) {
            v = pmi.lookup("PMI_process_mapping");
        }
        return v.filter(s -> !s.isEmpty()).orElse(null);
    }

    private static BizCard card(PmiClient pmi, int rank) throws IOException, FormatException {
        return BizCard.decode(pmi.get(Integer.toString(rank)));
    }
}
