package org.fluxj.overlay.tbon;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.kernel.Attributes;
import org.fluxj.kernel.Bootstrap;
import org.fluxj.kernel.BrokerParams;
import org.osgi.service.component.annotations.Component;

/** The singleton: an instance of one broker, which reads and checks the {@code [tbon]} settings all the same. */
@Component(service = Bootstrap.class)
public final class SingletonBootstrap implements Bootstrap {
    @Override
    public String method() {
        return "single";
    }

    @Override
    public BootInfo boot(BrokerParams params, Attributes attributes, JsonNode config) throws Exception {
        return TbonBoot.single(attributes, config, null);
    }
}
