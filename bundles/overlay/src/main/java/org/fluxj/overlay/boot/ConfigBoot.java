package org.fluxj.overlay.boot;

import java.util.List;
import java.util.Map;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;

/**
 * The plan of a broker of a configured instance, as flux-core's boot_config.c: rank is the
 * index of this host in {@code [bootstrap] hosts}; a broker with children binds its host's
 * {@code bind} URI and advertises its {@code connect} URI; a broker with a parent connects to
 * the parent's {@code connect} URI. All brokers share one certificate.
 */
public final class ConfigBoot {
    private ConfigBoot() {
    }

    /**
     * @param tree     the overlay tree of {@code config.size()} ranks (tbon.topo, default "custom")
     * @param recovery recovery mode: no peers may connect, so nothing is bound
     */
    public static BootPlan plan(BootstrapConfig config, String hostname, TreeShape tree, boolean recovery)
            throws BootException {
        int rank = config.rankOf(hostname);
        if (rank < 0) {
            throw new BootException("could not determine my rank: " + hostname + " not found in hosts");
        }
        List<HostEntry> hosts = config.hosts();
        List<String> bind = List.of();
        String endpoint = null;
        if (!tree.childrenOf(rank).isEmpty() && !recovery) {
            HostEntry me = hosts.get(rank);
            if (me.bind() == null) {
                throw new BootException("bind URI is undefined for rank " + rank);
            }
            if (me.connect() == null) {
                throw new BootException("connect URI is undefined for rank " + rank);
            }
            bind = List.of(me.bind());
            endpoint = me.connect();
        }
        int parent = tree.parentOf(rank);
        String parentUri = null;
        if (rank > 0) {
            parentUri = hosts.get(parent).connect();
            if (parentUri == null) {
                throw new BootException("connect URI is undefined for rank " + parent);
            }
        }
        return new BootPlan("config", rank, config.size(), hostname, hostlist(hosts), bind, endpoint, parent, parentUri,
                null, Map.of(), config.curveCert(), config.enableIpv6(), "[[0," + config.size() + ",1,1]]");
    }

    private static String hostlist(List<HostEntry> hosts) throws BootException {
        Hostlist hl = new Hostlist();
        try {
            for (HostEntry h : hosts) {
                hl.append(h.host());
            }
        } catch (FormatException e) {
            throw new BootException("hostlist: " + e.getMessage());
        }
        return hl.encode();
    }
}
