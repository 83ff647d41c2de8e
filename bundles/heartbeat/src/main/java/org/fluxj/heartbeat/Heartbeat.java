package org.fluxj.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.MessageFlags;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The heartbeat module (flux-core src/modules/heartbeat). Rank 0 publishes
 * {@code heartbeat.pulse} every period; the other ranks count the pulses, log
 * "heartbeat overdue" when none came for {@code warn_thresh} periods (and "heartbeat received"
 * when they resume), and after {@code timeout} without one ask the overlay to drop their
 * parent ({@code overlay.disconnect-parent}). {@code [heartbeat]} sets period, timeout and
 * warn_thresh, at load and on reload; the {@code period=FSD} load argument overrides the
 * period. {@code heartbeat.stats-get} reports them with the pulse count.
 */
@FluxModule("heartbeat")
@Component(service = BrokerModule.class)
public final class Heartbeat implements BrokerModule {
    static final double DEFAULT_PERIOD = 2.0;
    static final double DEFAULT_TIMEOUT = 300.0;
    static final int DEFAULT_WARN_THRESH = 3;
    /** The timeout that means none (flux-core reports it as -1). */
    static final double NO_TIMEOUT = -1;

    private ModuleContext ctx;
    private ModuleContext.Timer ticker;
    private ModuleContext.Timer deadline;
    private Settings settings = new Settings(DEFAULT_PERIOD, DEFAULT_TIMEOUT, DEFAULT_WARN_THRESH);
    private long count;
    /** Periods since the last pulse (ranks > 0): the warning counts these, as it runs per period. */
    private int quietPeriods;
    private boolean overdue;
    private double silence;

    /** What {@code [heartbeat]} sets. */
    record Settings(double period, double timeout, int warnThresh) {
    }

    @Override
    public void start(ModuleContext context) throws FormatException {
        ctx = context;
        Settings s = settings(ctx.config());
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), "period=");
        if (args.has("period")) {
            String fsd = args.value("period").get();
            double p;
            try {
                p = Fsd.parse(fsd);
            } catch (FormatException e) {
                throw new FormatException("heartbeat: period: invalid FSD: " + FormatException.printable(fsd));
            }
            if (p <= 0) {
                throw new FormatException("heartbeat: period must be a positive FSD value");
            }
            s = new Settings(p, s.timeout(), s.warnThresh());
        }
        ctx.onRequest("heartbeat.stats-get", m -> ctx.respond(m, stats()));
        if (ctx.rank() > 0) {
            ctx.onEvent("heartbeat.pulse", this::pulse);
        }
        ctx.onConfigReload(m -> apply(settings(ctx.config())));
        apply(s);
        ctx.log(Severity.DEBUG, "period=%s", Fsd.format(settings.period()));
    }

    /**
     * {@code [heartbeat]}, as flux-core's heartbeat_parse_config reads it ("!": no other key),
     * checked whole so that a refused reload changes nothing. A timeout of 0 or infinity is none.
     */
    static Settings settings(JsonNode config) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "heartbeat").allowOnly("period", "timeout", "warn_thresh");
        double period = t.duration("period", DEFAULT_PERIOD, "error parsing heartbeat.period FSD value");
        if (period <= 0) {
            throw new ConfigKeyException(t.key("period"), "heartbeat.period must be a positive FSD value");
        }
        double timeout = t.duration("timeout", DEFAULT_TIMEOUT, "error parsing heartbeat.timeout FSD value");
        if (timeout == 0 || Double.isInfinite(timeout)) {
            timeout = NO_TIMEOUT;
        }
        if (timeout != NO_TIMEOUT && timeout < 2 * period) {
            throw new ConfigKeyException(t.key("timeout"),
                    "heartbeat.timeout must be >= 2*heartbeat.period, infinity, or 0");
        }
        int warnThresh = (int) t.integer("warn_thresh", DEFAULT_WARN_THRESH, 1, Integer.MAX_VALUE);
        return new Settings(period, timeout, warnThresh);
    }

    private void apply(Settings s) {
        Settings old = settings;
        settings = s;
        if (ticker == null || s.period() != old.period()) {
            if (ticker != null) {
                ticker.cancel();
            }
            ticker = ctx.scheduleRepeating(seconds(s.period()), this::tick);
        }
        if (ctx.rank() > 0 && (deadline == null || s.timeout() != old.timeout())) {
            armDeadline();
        }
    }

    private void tick() {
        if (ctx.rank() == 0) {
            ctx.publish("heartbeat.pulse", null, 0);
            count++;
            return;
        }
        quietPeriods++;
        warnIfOverdue();
    }

    private void pulse(Message m) {
        count++;
        quietPeriods = 0;
        silence = 0;
        warnIfOverdue();
        armDeadline();
    }

    private void warnIfOverdue() {
        boolean over = quietPeriods > settings.warnThresh();
        if (over != overdue) {
            overdue = over;
            ctx.log(Severity.WARNING, over ? "heartbeat overdue" : "heartbeat received");
        }
    }

    private void armDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
        if (settings.timeout() != NO_TIMEOUT) {
            deadline = ctx.schedule(seconds(settings.timeout()), this::timedOut);
        }
    }

    /** No pulse for a whole timeout: the parent is gone or stuck, so leave it (and try again later). */
    private void timedOut() {
        silence += settings.timeout();
        ObjectNode reason = Json.object();
        reason.put("reason", "no heartbeat for " + Fsd.format(silence));
        ctx.rpc("overlay.disconnect-parent", Message.NODEID_ANY, reason, MessageFlags.NORESPONSE);
        deadline = null;
        armDeadline();
    }

    private ObjectNode stats() {
        ObjectNode o = Json.object();
        o.put("period", settings.period());
        o.put("timeout", settings.timeout());
        o.put("count", count);
        o.put("warn_thresh", settings.warnThresh());
        return o;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
