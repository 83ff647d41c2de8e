package org.fluxj.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.formats.json.Json;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.FluxModule;
import org.fluxj.kernel.api.ModuleArgs;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * The heartbeat module (flux-core src/modules/heartbeat): on rank 0, publishes
 * {@code heartbeat.pulse} every period, from {@code [heartbeat] period} or the
 * {@code period=FSD} module argument (default 2s). A configuration change sets the period
 * anew; one with a period that is not a positive FSD is refused. A module bundle like any
 * other: loaded in rc1, on its own thread.
 */
@FluxModule("heartbeat")
@Component(service = BrokerModule.class)
public final class Heartbeat implements BrokerModule {
    private static final double DEFAULT_PERIOD = 2.0;
    private ModuleContext ctx;
    private ModuleContext.Timer timer;
    private double period;

    @Override
    public void start(ModuleContext context) throws FormatException {
        ctx = context;
        double p = period(ctx.config());
        ModuleArgs args = ModuleArgs.parse(name(), ctx.args(), "period=");
        if (args.has("period")) {
            p = Fsd.parse(args.value("period").get());
        }
        setPeriod(p);
        ctx.onConfigReload(m -> {
            double q = period(ctx.config());
            if (q != period) {
                setPeriod(q);
            }
        });
        ctx.log(Severity.DEBUG, "period=%s", Fsd.format(period));
    }

    /** {@code [heartbeat] period}, as flux-core's heartbeat_parse_config checks it. */
    private static double period(JsonNode config) throws FormatException {
        JsonNode v = config.path("heartbeat").path("period");
        if (v.isMissingNode()) {
            return DEFAULT_PERIOD;
        }
        if (!v.isTextual()) {
            throw new FormatException("error reading [heartbeat] config table: Expected string, got "
                    + Json.typeName(v));
        }
        double p;
        try {
            p = Fsd.parse(v.asText());
        } catch (FormatException e) {
            throw new FormatException("error parsing heartbeat.period FSD value");
        }
        if (p <= 0) {
            throw new FormatException("heartbeat.period must be a positive FSD value");
        }
        return p;
    }

    private void setPeriod(double p) {
        period = p;
        if (timer != null) {
            timer.cancel();
        }
        if (ctx.rank() == 0) {
            timer = ctx.scheduleRepeating(Duration.ofNanos((long) (period * 1e9)),
                    () -> ctx.publish("heartbeat.pulse", null, 0));
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
