package org.fluxj.overlay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fluxj.formats.curve.CurveCert;

/**
 * How one broker's overlay is set up: its place in the tree, its identity and keys, and the {@code [tbon]}
 * tunables with flux-core's defaults and checks ({@code ovconf.c}). Build with {@link #builder(int, int)}.
 *
 * @param rank this broker's rank
 * @param size the instance size
 * @param topology the tree ({@code tbon.topo}); default {@code kary:32} as flux-core
 * @param uuid this broker's identity on the wire (its DEALER routing id and route-stack entry)
 * @param hosts host names by rank, or null; when set, a child's hello must name its rank's host
 * @param hostname this broker's host name, sent in overlay.hello, or null
 * @param cert this broker's CURVE certificate (secret key included)
 * @param torpidMin a child sends a keepalive after this long with nothing sent ({@code tbon.torpid_min}, 5s)
 * @param torpidMax a child silent this long is flagged torpid; zero disables ({@code tbon.torpid_max}, 30s)
 * @param tcpUserTimeout TCP keepalive is tuned to give up on a dead peer after about this long
 *     ({@code tbon.tcp_user_timeout}, 20s; zero leaves the system's keepalive settings alone)
 * @param connectTimeout {@code tbon.connect_timeout} (30s), accepted and checked; JeroMQ has no connect timeout
 * @param zmqIoThreads ZeroMQ I/O threads ({@code tbon.zmq_io_threads}, 1; as in flux-core, only rank 0 uses more)
 * @param childRcvhwm receive high-water mark on the children's socket, 0 unlimited or at least 2
 *     ({@code tbon.child_rcvhwm})
 * @param version this broker's version as flux-core encodes it (major &lt;&lt; 16 | minor &lt;&lt; 8 | patch); a
 *     child whose major.minor differs is refused
 */
public record OverlayConfig(int rank, int size, Topology topology, String uuid, List<String> hosts,
        String hostname, CurveCert cert, Duration torpidMin, Duration torpidMax, Duration tcpUserTimeout,
        Duration connectTimeout, int zmqIoThreads, int childRcvhwm, int version) {

    /** The version fluxj brokers announce by default (0.1.0). */
    public static final int DEFAULT_VERSION = 0x000100;

    public OverlayConfig {
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " is not in an instance of size " + size);
        }
        Objects.requireNonNull(topology, "topology");
        if (topology.size() != size) {
            throw new IllegalArgumentException("topology size " + topology.size() + " is not the instance size "
                    + size);
        }
        Objects.requireNonNull(uuid, "uuid");
        if (uuid.isEmpty() || uuid.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("uuid must be non-empty text without NUL");
        }
        hosts = hosts == null ? null : List.copyOf(hosts);
        Objects.requireNonNull(cert, "cert");
        if (!cert.hasSecret()) {
            throw new IllegalArgumentException("the overlay certificate needs its secret key");
        }
        checkDuration(torpidMin, "tbon.torpid_min");
        checkDuration(torpidMax, "tbon.torpid_max");
        checkDuration(tcpUserTimeout, "tbon.tcp_user_timeout");
        checkDuration(connectTimeout, "tbon.connect_timeout");
        if (torpidMin.isZero()) {
            throw new IllegalArgumentException("tbon.torpid_min must be nonzero");
        }
        if (!torpidMax.isZero() && torpidMin.compareTo(torpidMax) >= 0) {
            throw new IllegalArgumentException("tbon.torpid_min must be less than torpid_max");
        }
        if (zmqIoThreads < 1) {
            throw new IllegalArgumentException("tbon.zmq_io_threads must be >= 1");
        }
        if (childRcvhwm < 0 || childRcvhwm == 1) {
            throw new IllegalArgumentException("tbon.child_rcvhwm must be 0 (unlimited) or >= 2");
        }
    }

    private static void checkDuration(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** A builder with flux-core's defaults, a random uuid and a certificate made on the fly (test mode). */
    public static Builder builder(int rank, int size) {
        return new Builder(rank, size);
    }

    /** The host name of a rank for log messages, or null if unknown. */
    public String hostOf(int r) {
        return hosts != null && r >= 0 && r < hosts.size() ? hosts.get(r) : null;
    }

    /** Builds an {@link OverlayConfig}; the record's constructor checks the values. */
    public static final class Builder {
        private final int rank;
        private final int size;
        private Topology topology;
        private String uuid = UUID.randomUUID().toString();
        private List<String> hosts;
        private String hostname;
        private CurveCert cert;
        private Duration torpidMin = Duration.ofSeconds(5);
        private Duration torpidMax = Duration.ofSeconds(30);
        private Duration tcpUserTimeout = Duration.ofSeconds(20);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private int zmqIoThreads = 1;
        private int childRcvhwm;
        private int version = DEFAULT_VERSION;

        private Builder(int rank, int size) {
            this.rank = rank;
            this.size = size;
        }

        public Builder topology(Topology t) {
            this.topology = t;
            return this;
        }

        /** {@code tbon.topo} ({@code kary:K}, {@code mincrit[:K]}, {@code binomial}). */
        public Builder topo(String uri) {
            this.topology = Topology.create(uri, size);
            return this;
        }

        /** {@code tbon.fanout=K}: an alias of {@code tbon.topo=kary:K}. */
        public Builder fanout(int k) {
            this.topology = Topology.kary(size, k);
            return this;
        }

        public Builder uuid(String u) {
            this.uuid = u;
            return this;
        }

        public Builder hosts(List<String> h) {
            this.hosts = h;
            return this;
        }

        public Builder hostname(String h) {
            this.hostname = h;
            return this;
        }

        public Builder cert(CurveCert c) {
            this.cert = c;
            return this;
        }

        public Builder torpidMin(Duration d) {
            this.torpidMin = d;
            return this;
        }

        public Builder torpidMax(Duration d) {
            this.torpidMax = d;
            return this;
        }

        public Builder tcpUserTimeout(Duration d) {
            this.tcpUserTimeout = d;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder zmqIoThreads(int n) {
            this.zmqIoThreads = n;
            return this;
        }

        public Builder childRcvhwm(int n) {
            this.childRcvhwm = n;
            return this;
        }

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        public OverlayConfig build() {
            Topology t = topology != null ? topology : Topology.create("kary:32", size);
            CurveCert c = cert != null ? cert : CurveCert.generate();
            return new OverlayConfig(rank, size, t, uuid, hosts, hostname, c, torpidMin, torpidMax, tcpUserTimeout,
                    connectTimeout, zmqIoThreads, childRcvhwm, version);
        }
    }
}
