package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Bootstrap;
import org.fluxj.kernel.BrokerParams;
import org.osgi.service.component.annotations.Component;

/** The "simple" bootstrap: PMI-1 from the launcher ({@code flux start --test-size}, Hydra, a Flux shell). */
@Component(service = Bootstrap.class)
public final class PmiBootstrap implements Bootstrap {
    @Override
    public String method() {
        return "simple";
    }

    @Override
    public BootInfo boot(BrokerParams params, Attributes attributes, JsonNode config) throws Exception {
        return TbonBoot.pmi(params, attributes, config);
    }
}
