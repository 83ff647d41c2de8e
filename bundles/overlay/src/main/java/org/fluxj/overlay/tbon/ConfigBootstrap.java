package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Bootstrap;
import org.fluxj.kernel.BrokerParams;
import org.osgi.service.component.annotations.Component;

/** The "config" bootstrap: a configured instance's {@code [bootstrap]} table and shared certificate. */
@Component(service = Bootstrap.class)
public final class ConfigBootstrap implements Bootstrap {
    @Override
    public String method() {
        return "config";
    }

    @Override
    public BootInfo boot(BrokerParams params, Attributes attributes, JsonNode config) throws Exception {
        return TbonBoot.config(params, attributes, config);
    }
}
