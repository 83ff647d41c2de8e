package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.hostlist.Hostlist;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Bootstrap.BootInfo;
import org.fluxj.kernel.BrokerParams;
import org.fluxj.kernel.api.Severity;
import org.fluxj.overlay.boot.BootException;
import org.fluxj.overlay.boot.BootPlan;
import org.fluxj.overlay.boot.BootstrapConfig;
import org.fluxj.overlay.boot.ConfigBoot;
import org.fluxj.overlay.boot.HostEntry;
import org.fluxj.overlay.boot.PmiBoot;
import org.fluxj.overlay.boot.TreeShape;
import org.fluxj.formats.curve.CurveCert;
import org.fluxj.overlay.OverlayConfig;
import org.fluxj.overlay.Topology;
import org.fluxj.pmi.PmiClient;

/**
 * The two ways a broker of a multi-broker instance boots, as flux-core's boot_pmi.c and boot_config.c:
 * both read the {@code [tbon]} settings, build the topology, make the {@link BrokerOverlay}, bind it for
 * children, admit the right CURVE keys, connect to the parent, and set the {@code tbon.*},
 * {@code hostlist} and {@code broker.mapping} attributes. A size-1 result has no overlay.
 */
final class TbonBoot {
    private TbonBoot() {
    }

    /**
     * PMI-1 ("simple"): each broker makes a certificate on the fly and exchanges business cards (its
     * endpoint and public key) through the launcher's PMI server.
     */
    static BootInfo pmi(BrokerParams params, Attributes attrs, JsonNode config) throws Exception {
        PmiClient pmi = PmiClient.fromEnvironment(System.getenv())
                .orElseThrow(() -> new BootException("simple: no PMI server in the environment"));
        try (pmi) {
            pmi.init();
            int rank = pmi.rank();
            int size = pmi.size();
            String hostname = attrs.get("hostname").orElseThrow();
            if (size == 1) {
                pmi.finish();
                attrs.setInternal("broker.mapping", "[[0,1,1,1]]");
                return single(attrs, config, null);
            }
            TbonSettings tbon = TbonSettings.read(config, attrs).forRank(rank, attrs);
            Topology topo = topology(tbon.topo, size, null);
            OverlayConfig oc = tbon.apply(OverlayConfig.builder(rank, size)).topology(topo).hostname(hostname)
                    .build();
            BrokerOverlay port = new BrokerOverlay(oc);
            try {
                String rundir = attrs.get("rundir").orElse(System.getProperty("java.io.tmpdir"));
                PmiBoot.Local me = new PmiBoot.Local(hostname, oc.cert().publicText(), rundir,
                        "tcp://" + address() + ":*", tbon.preferTcp);
                BootPlan plan = PmiBoot.exchange(pmi, me, shape(topo), uris -> List.of(bind(port, uris)),
                        keys -> keys.forEach((r, k) -> port.overlay().authorize("rank " + r, k)));
                pmi.finish();
                port.overlay().start(plan.parentUri(), plan.parentPubkey());
                setAttributes(attrs, plan, topo, rank);
                return new BootInfo(rank, size, plan.hostlist(), port);
            } catch (Exception | Error e) {
                port.close();
                throw e;
            }
        }
    }

    /**
     * Configured ("config"): rank, peers and endpoints from {@code [bootstrap]}; every broker holds the
     * certificate {@code curve_cert} names and admits only peers presenting it.
     */
    static BootInfo config(BrokerParams params, Attributes attrs, JsonNode config) throws Exception {
        String hostname = attrs.get("hostname").orElseThrow();
        BootstrapConfig bc = BootstrapConfig.parse(config, hostname, params.configPath())
                .orElseThrow(() -> new BootException("config: no [bootstrap] table"));
        if (bc.size() == 1) {
            attrs.setInternal("broker.mapping", "[[0,1,1,1]]");
            if (bc.curveCert() != null) {
                loadCert(bc.curveCert());
            }
            return single(attrs, config, null);
        }
        TbonSettings tbon = TbonSettings.read(config, attrs);
        List<Topology.HostEntry> entries = new ArrayList<>();
        for (HostEntry h : bc.hosts()) {
            entries.add(new Topology.HostEntry(h.host(), h.parent()));
        }
        Topology topo = topology(tbon.topo, bc.size(), entries);
        BootPlan plan = ConfigBoot.plan(bc, hostname, shape(topo), attrs.has("broker.recovery-mode"));
        tbon = tbon.forRank(plan.rank(), attrs);
        CurveCert cert = loadCert(plan.curveCert());
        List<String> hosts = Hostlist.decode(plan.hostlist()).expand();
        OverlayConfig oc = tbon.apply(OverlayConfig.builder(plan.rank(), plan.size())).topology(topo)
                .hostname(hostname).hosts(hosts).cert(cert).build();
        BrokerOverlay port = new BrokerOverlay(oc);
        String unresolved = unresolvedHost(plan.parentUri());
        try {
            port.overlay().authorize(cert.name(), cert.publicText());
            if (!plan.bindUris().isEmpty()) {
                port.overlay().bind(plan.bindUris().get(0));
            }
            if (unresolved == null) {
                port.overlay().start(plan.parentUri(), cert.publicText());
            } else {
                port.log(Severity.WARNING, "unable to resolve upstream peer " + unresolved
                        + ": Name or service not known");
                startOnceResolved(port, unresolved, plan.parentUri(), cert.publicText());
            }
        } catch (RuntimeException e) {
            port.close();
            throw new BootException("config: " + e.getMessage(), e);
        }
        setAttributes(attrs, plan, topo, plan.rank());
        return new BootInfo(plan.rank(), plan.size(), plan.hostlist(), port);
    }

    /**
     * A broker alone: the {@code [tbon]} settings are read and checked (and the attributes set) as
     * for any other, and the topology scheme must be one there is.
     */
    static BootInfo single(Attributes attrs, JsonNode config, String hostlist) throws Exception {
        TbonSettings tbon = TbonSettings.read(config, attrs);
        topology(tbon.topo, 1, null);
        String hostname = attrs.get("hostname").orElseThrow();
        return new BootInfo(0, 1, hostlist != null ? hostlist : hostname, null, OverlayService.singleton());
    }

    private static CurveCert loadCert(String path) throws BootException {
        try {
            return CurveCert.load(Path.of(path));
        } catch (FormatException e) {
            throw new BootException("config: curve_cert: " + e.getMessage());
        }
    }

    /** The host of a tcp:// URI if it does not resolve (flux-core's warn_of_invalid_host), else null. */
    private static String unresolvedHost(String uri) {
        if (uri == null || !uri.startsWith("tcp://")) {
            return null;
        }
        String host = uri.substring("tcp://".length());
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end > 0 ? host.substring(1, end) : host;
        } else if (host.lastIndexOf(':') >= 0) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        return host.isEmpty() || host.equals("*") || resolves(host) ? null : host;
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * libzmq retries a tcp:// peer whose host does not resolve, without a word, until it does; JeroMQ
     * refuses the connect. So the broker (already warned in its log) waits in the join state as
     * flux-core's does, while this thread tries the name again every second and connects once it resolves.
     */
    private static void startOnceResolved(BrokerOverlay port, String host, String uri, String key) {
        Thread t = new Thread(() -> {
            try {
                while (!resolves(host)) {
                    Thread.sleep(1000); // the retry interval, as ZeroMQ's reconnect
                }
                port.overlay().start(uri, key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                port.log(Severity.ERR, "connect to " + uri + ": " + e.getMessage()); // closed meanwhile
            }
        }, "overlay-resolve");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Binds the overlay for the children. JeroMQ's ipc:// is TCP on a loopback port hashed from the path,
     * so an ipc:// URI (children on this node) becomes {@code tcp://127.0.0.1:*}; when remote children need
     * a routable tcp:// URI, that one is bound and serves all.
     */
    private static String bind(BrokerOverlay port, List<String> uris) {
        String uri = null;
        for (String u : uris) {
            if (u.startsWith("tcp://")) {
                uri = u;
            }
        }
        return port.overlay().bind(uri != null ? uri : "tcp://127.0.0.1:*");
    }

    private static Topology topology(String uri, int size, List<Topology.HostEntry> hosts) throws BootException {
        try {
            return Topology.create(uri, size, hosts);
        } catch (IllegalArgumentException e) {
            throw new BootException("tbon.topo: " + e.getMessage());
        }
    }

    private static TreeShape shape(Topology topo) {
        return new TreeShape() {
            @Override
            public int parentOf(int rank) {
                return topo.parentOf(rank);
            }

            @Override
            public List<Integer> childrenOf(int rank) {
                return topo.childrenOf(rank);
            }
        };
    }

    private static void setAttributes(Attributes attrs, BootPlan plan, Topology topo, int rank) {
        attrs.setInternal("tbon.level", Integer.toString(topo.level(rank)));
        attrs.setInternal("tbon.maxlevel", Integer.toString(topo.maxLevel()));
        attrs.setInternal("tbon.descendants", Integer.toString(topo.descendantCount(rank)));
        if (plan.endpoint() != null) {
            attrs.setInternal("tbon.endpoint", plan.endpoint());
        }
        if (plan.parentUri() != null) {
            attrs.setInternal("tbon.parent-endpoint", plan.parentUri());
        }
        if (plan.mapping() != null) {
            attrs.setInternal("broker.mapping", plan.mapping());
        }
    }

    /** The address children on other nodes reach this one at (flux-core: the default route's). */
    private static String address() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
