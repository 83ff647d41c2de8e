package org.fluxj.overlay.boot;

import java.util.ArrayList;
import java.util.List;

/** Tree shapes for tests: the overlay's topology provides the real ones. */
final class Trees {
    private Trees() {
    }

    static TreeShape of(int[] parent) {
        return new TreeShape() {
            @Override
            public int parentOf(int rank) {
                return parent[rank];
            }

            @Override
            public List<Integer> childrenOf(int rank) {
                List<Integer> c = new ArrayList<>();
                for (int i = 1; i < parent.length; i++) {
                    if (parent[i] == rank) {
                        c.add(i);
                    }
                }
                return c;
            }
        };
    }

    /** flux-core kary:K (kary_parentof); k = 0 is flat. */
    static TreeShape kary(int k, int size) {
        int[] parent = new int[size];
        parent[0] = -1;
        for (int i = 1; i < size; i++) {
            parent[i] = k <= 0 ? 0 : k == 1 ? i - 1 : (k + (i + 1) - 2) / k - 1;
        }
        return of(parent);
    }

    /** flux-core custom: the parent keys of the hosts, rank 0 otherwise. */
    static TreeShape custom(List<HostEntry> hosts) {
        int[] parent = new int[hosts.size()];
        parent[0] = -1;
        for (int i = 1; i < hosts.size(); i++) {
            String p = hosts.get(i).parent();
            parent[i] = 0;
            for (int j = 0; p != null && j < hosts.size(); j++) {
                if (hosts.get(j).host().equals(p)) {
                    parent[i] = j;
                }
            }
        }
        return of(parent);
    }
}
