package org.fluxj.kernel.module;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.router.Router;

/** What every hosted module's context reaches in the broker. */
public record HostServices(Router router, Attributes attributes, BrokerLog log, Supplier<JsonNode> config,
        ScheduledExecutorService timers, int rank, int size) {
}
