package org.fluxj.kernel.module;

import org.fluxj.formats.conf.Conf;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.router.Router;

/**
 * What every hosted module's context reaches in the broker; {@code config} is the configuration
 * in effect with the file each key came from.
 */
public record HostServices(Router router, Attributes attributes, BrokerLog log, Supplier<Conf.Loaded> config,
        ScheduledExecutorService timers, int rank, int size) {
}
