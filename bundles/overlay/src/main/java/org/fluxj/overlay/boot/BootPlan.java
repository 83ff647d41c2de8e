package org.fluxj.overlay.boot;

import java.util.List;
import java.util.Map;

/**
 * Where this broker stands in its instance, as bootstrap found it.
 *
 * @param method        "config", "simple" (PMI-1) or "single"
 * @param rank          this broker's rank
 * @param size          the instance size
 * @param hostname      this broker's host name
 * @param hostlist      every broker's host in rank order (RFC 29), the {@code hostlist} attribute
 * @param bindUris      the URIs to bind for children (empty if none); the overlay binds them
 * @param endpoint      the URI children connect to (the {@code tbon.endpoint} attribute), or null
 * @param parentRank    the parent's rank, -1 for rank 0
 * @param parentUri     the URI to connect to the parent, or null for rank 0
 * @param parentPubkey  the parent's CURVE public key (Z85), or null when all share {@code curveCert}
 * @param childPubkeys  each child's CURVE public key by rank (empty when all share {@code curveCert})
 * @param curveCert     path of the shared certificate (config boot), or null
 * @param enableIpv6    whether the overlay should enable IPv6
 * @param mapping       the broker mapping (RFC 34 taskmap), or null if unknown
 */
public record BootPlan(String method, int rank, int size, String hostname, String hostlist, List<String> bindUris,
        String endpoint, int parentRank, String parentUri, String parentPubkey, Map<Integer, String> childPubkeys,
        String curveCert, boolean enableIpv6, String mapping) {

    public BootPlan {
        bindUris = List.copyOf(bindUris);
        childPubkeys = Map.copyOf(childPubkeys);
    }

    /** A singleton: rank 0 of 1, no peers. */
    public static BootPlan singleton(String method, String hostname) {
        return new BootPlan(method, 0, 1, hostname, hostname, List.of(), null, -1, null, null, Map.of(), null, false,
                "[[0,1,1,1]]");
    }
}
