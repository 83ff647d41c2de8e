package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.kernel.Attributes;
import org.fluxj.overlay.OverlayConfig;

/**
 * The {@code [tbon]} table and the {@code tbon.*} attributes, as flux-core's ovconf.c reads them: a
 * compiled-in default, then the TOML config, then a command-line attribute ({@code -S tbon.NAME=VALUE}),
 * each later one winning; the value in effect is written back to the attribute. {@code tbon.fanout=K} is
 * an alias of {@code tbon.topo=kary:K}; the default topology is {@code kary:32}, or {@code custom} when
 * there is a {@code [bootstrap]} table.
 */
final class TbonSettings {
    final String topo;
    final boolean preferTcp;
    final Duration torpidMin;
    final Duration torpidMax;
    final Duration tcpUserTimeout;
    final Duration connectTimeout;
    final int zmqIoThreads;
    final int childRcvhwm;

    private TbonSettings(String topo, boolean preferTcp, Duration torpidMin, Duration torpidMax,
            Duration tcpUserTimeout, Duration connectTimeout, int zmqIoThreads, int childRcvhwm) {
        this.topo = topo;
        this.preferTcp = preferTcp;
        this.torpidMin = torpidMin;
        this.torpidMax = torpidMax;
        this.tcpUserTimeout = tcpUserTimeout;
        this.connectTimeout = connectTimeout;
        this.zmqIoThreads = zmqIoThreads;
        this.childRcvhwm = childRcvhwm;
    }

    /**
     * Reads the settings and sets the attributes.
     *
     * @param config the whole configuration as JSON (may be null)
     * @throws FormatException with flux-core's one-line message
     */
    static TbonSettings read(JsonNode config, Attributes attrs) throws FormatException {
        JsonNode tbon = config == null ? null : config.get("tbon");
        if (tbon != null && !tbon.isObject()) {
            throw new FormatException("Config file error [tbon]: Expected object, got " + Json.typeName(tbon));
        }
        boolean preferTcp = attrInt(attrs, "tbon.prefertcp", 0) != 0;
        String topo = config != null && config.has("bootstrap") ? "custom" : "kary:32";
        String t = confString(tbon, "topo");
        if (t != null) {
            topo = t;
        }
        String fanout = attrs.get("tbon.fanout").orElse(null);
        if (fanout != null) {
            topo = "kary:" + fanout;
        }
        if (!attrs.has("tbon.topo")) {
            attrs.setInternal("tbon.topo", topo);
        } else {
            topo = attrs.get("tbon.topo").orElseThrow();
        }
        double tmin = timeout(tbon, attrs, "torpid_min", 5, false);
        double tmax = timeout(tbon, attrs, "torpid_max", 30, false);
        if (tmin == 0) {
            throw new FormatException("tbon.torpid_min must be nonzero");
        }
        if (tmax != 0 && !(tmin < tmax)) {
            throw new FormatException("tbon.torpid_min must be less than torpid_max");
        }
        attrs.setInternal("tbon.torpid_min", Fsd.format(tmin));
        attrs.setInternal("tbon.torpid_max", Fsd.format(tmax));
        double tcpUserTimeout = timeout(tbon, attrs, "tcp_user_timeout", 20, true);
        double connectTimeout = timeout(tbon, attrs, "connect_timeout", 30, true);
        confInt(tbon, attrs, "zmqdebug", 0);
        int hwm = confInt(tbon, attrs, "child_rcvhwm", 0);
        int io = confInt(tbon, attrs, "zmq_io_threads", 1);
        if (hwm < 0 || hwm == 1) {
            throw new FormatException("tbon.child_rcvhwm must be 0 (unlimited) or >= 2");
        }
        if (io < 1) {
            throw new FormatException("tbon.zmq_io_threads must be >= 1");
        }
        return new TbonSettings(topo, preferTcp, seconds(tmin), seconds(tmax), seconds(tcpUserTimeout),
                seconds(connectTimeout), io, hwm);
    }

    /**
     * As flux-core's overlay_zmq_init: only the leader has more than one ZeroMQ I/O thread, since
     * they do little elsewhere but add to a broker's footprint; a follower's attribute says 1.
     */
    TbonSettings forRank(int rank, Attributes attrs) {
        if (rank == 0 || zmqIoThreads == 1) {
            return this;
        }
        attrs.setInternal("tbon.zmq_io_threads", "1");
        return new TbonSettings(topo, preferTcp, torpidMin, torpidMax, tcpUserTimeout, connectTimeout, 1,
                childRcvhwm);
    }

    /** Applies the tunables to an overlay configuration builder. */
    OverlayConfig.Builder apply(OverlayConfig.Builder b) {
        return b.torpidMin(torpidMin).torpidMax(torpidMax).tcpUserTimeout(tcpUserTimeout)
                .connectTimeout(connectTimeout).zmqIoThreads(zmqIoThreads).childRcvhwm(childRcvhwm);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    private static String confString(JsonNode tbon, String key) throws FormatException {
        JsonNode v = tbon == null ? null : tbon.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatException("Config file error [tbon]: Expected string, got " + Json.typeName(v));
        }
        return v.asText();
    }

    private static double timeout(JsonNode tbon, Attributes attrs, String name, double dflt, boolean write)
            throws FormatException {
        double value = dflt;
        String fsd = confString(tbon, name);
        if (fsd != null) {
            try {
                value = Fsd.parse(fsd);
            } catch (FormatException e) {
                throw new FormatException("Config file error parsing tbon." + name);
            }
        }
        String attr = attrs.get("tbon." + name).orElse(null);
        if (attr != null) {
            try {
                value = Fsd.parse(attr);
            } catch (FormatException e) {
                throw new FormatException("Error parsing tbon." + name + " attribute");
            }
        }
        if (write) {
            attrs.setInternal("tbon." + name, Fsd.format(value));
        }
        return value;
    }

    private static int confInt(JsonNode tbon, Attributes attrs, String name, int dflt) throws FormatException {
        int value = dflt;
        JsonNode v = tbon == null ? null : tbon.get(name);
        if (v != null) {
            if (!v.isIntegralNumber()) {
                throw new FormatException("Config file error [tbon]: Expected integer, got " + Json.typeName(v));
            }
            if (!v.canConvertToInt()) {
                throw new FormatException("tbon." + name + " value too large");
            }
            value = v.asInt();
        }
        return attrInt(attrs, "tbon." + name, value);
    }

    private static int attrInt(Attributes attrs, String name, int dflt) throws FormatException {
        int value = dflt;
        String s = attrs.get(name).orElse(null);
        if (s != null) {
            try {
                value = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new FormatException(name + " value must be an integer");
            }
        }
        attrs.setInternal(name, Integer.toString(value));
        return value;
    }
}
