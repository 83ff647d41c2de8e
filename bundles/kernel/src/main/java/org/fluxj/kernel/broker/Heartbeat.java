package org.fluxj.kernel.broker;

import java.time.Duration;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.fsd.Fsd;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.Severity;

/**
 * The heartbeat module (flux-core src/modules/heartbeat): on rank 0, publishes
 * {@code heartbeat.pulse} every period, from {@code [heartbeat] period} or the
 * {@code period=FSD} module argument (default 2s). Hosted by the kernel on its own thread.
 */
final class Heartbeat implements BrokerModule {
    private static final double DEFAULT_PERIOD = 2.0;
    private ModuleContext.Timer timer;

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public void start(ModuleContext ctx) throws FormatException {
        double period = DEFAULT_PERIOD;
        String fromConfig = ctx.config().path("heartbeat").path("period").asText(null);
        if (fromConfig != null) {
            period = Fsd.parse(fromConfig);
        }
        for (String arg : ctx.args()) {
            if (arg.startsWith("period=")) {
                period = Fsd.parse(arg.substring(7));
            }
        }
        if (ctx.rank() == 0) {
            timer = ctx.scheduleRepeating(Duration.ofNanos((long) (period * 1e9)),
                    () -> ctx.publish("heartbeat.pulse", null, 0));
        }
        ctx.log(Severity.DEBUG, "period=%s", Fsd.format(period));
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
