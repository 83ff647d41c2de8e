package org.fluxj.overlay;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The tree of an instance's brokers, as flux-core's {@code topology.c} builds it: rank 0 is the root, and each
 * other rank has one parent. Immutable; every query names the rank it is asked about, so one object serves all
 * ranks of an instance.
 *
 * <p>Schemes ({@code tbon.topo}; {@code tbon.fanout=K} is an alias of {@code kary:K}):
 * <ul>
 * <li>{@code kary:K} - a complete k-ary tree in rank order; K=0 is flat (rank 0 is every rank's parent), K=1 a
 * chain. flux-core's default is {@code kary:32}.</li>
 * <li>{@code mincrit[:K]} - at most three levels: ranks 1..K are routers under rank 0 and the rest are dealt to
 * them in turn; without K one is chosen for a router fanout of at most 1024.</li>
 * <li>{@code binomial} - a binomial tree.</li>
 * <li>{@code custom} - parents named by host in the {@code [bootstrap] hosts} array; ranks without one are
 * children of rank 0 (flux-core's default for a configured instance).</li>
 * </ul>
 */
public final class Topology {
    /** A {@code [bootstrap] hosts} entry as the custom scheme reads it: the host and its parent's host, if any. */
    public record HostEntry(String host, String parent) {
        public HostEntry {
            Objects.requireNonNull(host, "host");
        }
    }

    /** What flux-core's {@code overlay.topology} returns for one rank: its subtree size and child subtrees. */
    public record Subtree(int rank, int size, List<Subtree> children) {
    }

    private final String uri;
    private final int[] parent; // parent[0] == -1
    private final int[][] children;

    private Topology(String uri, int[] parent) {
        this.uri = uri;
        this.parent = parent;
        int size = parent.length;
        int[] counts = new int[size];
        for (int i = 1; i < size; i++) {
            counts[parent[i]]++;
        }
        children = new int[size][];
        for (int i = 0; i < size; i++) {
            children[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 1; i < size; i++) {
            int p = parent[i];
            children[p][counts[p]++] = i;
        }
    }

    /** {@code tbon.topo} for {@code tbon.fanout=K}. */
    public static Topology kary(int size, int k) {
        return create("kary:" + k, size);
    }

    /** A topology from a scheme that needs no host list ({@code kary:K}, {@code mincrit[:K]}, {@code binomial}). */
    public static Topology create(String uri, int size) {
        return create(uri, size, null);
    }

    /**
     * A topology from {@code tbon.topo} and, for {@code custom}, the {@code [bootstrap] hosts} entries (null or
     * empty: every rank is a child of rank 0).
     *
     * @throws IllegalArgumentException with flux-core's message if the scheme, its argument or the hosts are invalid
     */
    public static Topology create(String uri, int size, List<HostEntry> hosts) {
        if (size < 1) {
            throw new IllegalArgumentException("invalid topology size " + size);
        }
        int[] parent = new int[size];
        parent[0] = -1; // every other rank defaults to a child of 0
        String u = uri == null ? "kary:0" : uri;
        int colon = u.indexOf(':');
        String name = colon < 0 ? u : u.substring(0, colon);
        String path = colon < 0 ? null : u.substring(colon + 1);
        switch (name) {
            case "kary" -> {
                int k = parseK(path, "kary k value must be an integer >= 0");
                if (k > 0) {
                    for (int i = 1; i < size; i++) {
                        parent[i] = karyParentOf(k, i);
                    }
                }
            }
            case "mincrit" -> {
                int k = path != null && !path.isEmpty()
                        ? parseK(path, "mincrit k value must be an integer >= 0")
                        : mincritChooseK(size, 1024);
                if (k > 0) {
                    for (int i = k + 1; i < size; i++) {
                        parent[i] = (i - k - 1) % k + 1;
                    }
                }
            }
            case "binomial" -> {
                if (path != null && !path.isEmpty()) {
                    throw new IllegalArgumentException("unknown binomial topology directive: '" + path + "'");
                }
                int k = 0;
                while ((1L << k) < size) {
                    k++;
                }
                binomial(parent, 0, k);
            }
            case "custom" -> {
                if (path != null && !path.isEmpty()) {
                    throw new IllegalArgumentException("unknown custom topology directive: '" + path + "'");
                }
                custom(parent, hosts);
            }
            default -> throw new IllegalArgumentException("unknown topology scheme '" + name + "'");
        }
        return new Topology(u, parent);
    }

    private static int parseK(String s, String error) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(error);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new IllegalArgumentException(error);
            }
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(error, e);
        }
    }

    /** {@code kary_parentof}: the parent of rank {@code i} (i > 0) in a k-ary tree (k > 0). */
    static int karyParentOf(int k, int i) {
        if (k == 1) {
            return i - 1;
        }
        return (int) ((k + (i + 1L) - 2) / k - 1);
    }

    private static int mincritRouterFanout(int size, int k) {
        int leaves = size - (1 + k);
        return leaves / k + (leaves % k > 0 ? 1 : 0);
    }

    private static int mincritChooseK(int size, int maxFanout) {
        int k = 0;
        if (size > maxFanout + 1) {
            k = 2;
            while (mincritRouterFanout(size, k) > maxFanout) {
                k++;
            }
        }
        return k;
    }

    private static void binomial(int[] parent, int root, int k) {
        for (int j = 0; j < k; j++) {
            long child = root + (1L << j);
            if (child < parent.length) {
                parent[(int) child] = root;
                binomial(parent, (int) child, j);
            }
        }
    }

    private static void custom(int[] parent, List<HostEntry> hosts) {
        if (hosts == null) {
            return;
        }
        for (int rank = 0; rank < hosts.size(); rank++) {
            HostEntry e = hosts.get(rank);
            if (e.parent() == null) {
                continue;
            }
            if (rank == 0) {
                throw new IllegalArgumentException("Config file [bootstrap] hosts: rank 0 (" + e.host()
                        + ") may not have a parent in a tree topology");
            }
            if (rank >= parent.length) {
                throw new IllegalArgumentException("topology size does not match host array size");
            }
            int p = -1;
            for (int i = 0; i < hosts.size(); i++) {
                if (hosts.get(i).host().equals(e.parent())) {
                    p = i;
                    break;
                }
            }
            if (p < 0 || p >= parent.length) {
                throw new IllegalArgumentException("Config file [bootstrap] hosts: invalid parent \"" + e.parent()
                        + "\" for " + e.host() + " (rank " + rank + ")");
            }
            if (p == rank || isDescendantOf(parent, p, rank)) {
                throw new IllegalArgumentException("Config file [bootstrap] hosts: parent \"" + e.parent()
                        + "\" for " + e.host() + " (rank " + rank + ") violates rule against cycles");
            }
            parent[rank] = p;
        }
    }

    private static boolean isDescendantOf(int[] parent, int rank, int ancestor) {
        int r = rank;
        for (int steps = 0; steps <= parent.length; steps++) {
            if (r < 0 || r >= parent.length || parent[r] == -1) {
                return false;
            }
            if (parent[r] == ancestor) {
                return true;
            }
            r = parent[r];
        }
        return false;
    }

    // ---------------------------------------------------------------- queries

    /** The scheme this topology was made from ({@code tbon.topo}). */
    public String uri() {
        return uri;
    }

    public int size() {
        return parent.length;
    }

    /** The parent of {@code rank}, or -1 for rank 0 ({@code flux overlay parentof}). */
    public int parentOf(int rank) {
        checkRank(rank);
        return parent[rank];
    }

    /** The children of {@code rank} in rank order. */
    public List<Integer> childrenOf(int rank) {
        checkRank(rank);
        List<Integer> l = new ArrayList<>(children[rank].length);
        for (int c : children[rank]) {
            l.add(c);
        }
        return List.copyOf(l);
    }


    /** The depth of {@code rank}: 0 for the root ({@code tbon.level}). */
    public int level(int rank) {
        checkRank(rank);
        int level = 0;
        for (int r = rank; r != 0; r = parent[r]) {
            level++;
        }
        return level;
    }

    /** The greatest depth of any rank ({@code tbon.maxlevel}). */
    public int maxLevel() {
        int max = 0;
        for (int i = 0; i < parent.length; i++) {
            max = Math.max(max, level(i));
        }
        return max;
    }


    /** The number of strict descendants of {@code rank} ({@code tbon.descendants}). */
    public int descendantCount(int rank) {
        checkRank(rank);
        int n = 0;
        for (int c : children[rank]) {
            n += 1 + descendantCount(c);
        }
        return n;
    }

    /** The ranks of the subtree rooted at {@code rank}, itself included. */
    public BitSet subtreeRanks(int rank) {
        checkRank(rank);
        BitSet set = new BitSet(parent.length);
        collect(rank, set);
        return set;
    }

    private void collect(int rank, BitSet set) {
        set.set(rank);
        for (int c : children[rank]) {
            collect(c, set);
        }
    }

    /**
     * {@code topology_get_child_route}: the child of {@code from} whose subtree holds {@code to}, or -1 if
     * {@code to} is not a strict descendant of {@code from}.
     */
    public int childRoute(int from, int to) {
        checkRank(from);
        if (to <= 0 || to >= parent.length) {
            return -1;
        }
        for (int r = to; r > 0; r = parent[r]) {
            if (parent[r] == from) {
                return r;
            }
        }
        return -1;
    }

    /** Ranks with at least one child ({@code topology_get_internal_ranks}); with rank 0, the default critical ranks. */
    public BitSet internalRanks() {
        BitSet set = new BitSet(parent.length);
        for (int i = 1; i < parent.length; i++) {
            set.set(parent[i]);
        }
        return set;
    }

    /** The subtree rooted at {@code rank} as {@code overlay.topology} reports it. */
    public Subtree subtree(int rank) {
        checkRank(rank);
        List<Subtree> kids = new ArrayList<>(children[rank].length);
        for (int c : children[rank]) {
            kids.add(subtree(c));
        }
        return new Subtree(rank, descendantCount(rank) + 1, List.copyOf(kids));
    }

    private void checkRank(int rank) {
        if (rank < 0 || rank >= parent.length) {
            throw new IllegalArgumentException("rank " + rank + " is not in an instance of size " + parent.length);
        }
    }

    @Override
    public String toString() {
        return "Topology[" + uri + ", size=" + parent.length + "]";
    }
}
