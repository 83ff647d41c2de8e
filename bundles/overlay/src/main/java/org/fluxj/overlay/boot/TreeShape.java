package org.fluxj.overlay.boot;

import java.util.List;

/** The overlay's tree as bootstrap needs it; the overlay's topology provides it. */
public interface TreeShape {
    /** The parent of {@code rank}, or -1 for rank 0. */
    int parentOf(int rank);

    /** The children of {@code rank}, ascending. */
    List<Integer> childrenOf(int rank);
}
