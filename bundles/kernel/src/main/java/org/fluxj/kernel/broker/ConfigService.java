package org.fluxj.kernel.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.fluxj.formats.FormatException;
import org.fluxj.formats.msg.Errno;
import org.fluxj.formats.msg.Message;
import org.fluxj.formats.msg.Roles;
import org.fluxj.kernel.api.BrokerModule;
import org.fluxj.kernel.api.ModuleContext;
import org.fluxj.kernel.api.RequestException;

/**
 * The {@code config} service (flux-core src/modules/config): get returns the configuration
 * object; reload re-reads {@code config.path} and tells every module.
 */
final class ConfigService implements BrokerModule {
    private final String path;
    private final Consumer<ObjectNode> update;
    private volatile ObjectNode current;
    private ModuleContext ctx;

    ConfigService(String path, ObjectNode initial, Consumer<ObjectNode> update) {
        this.path = path;
        this.current = initial;
        this.update = update;
    }

    ObjectNode current() {
        return current;
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public void start(ModuleContext context) {
        ctx = context;
        ctx.onRequest("config.get", Roles.USER, m -> ctx.respond(m, current));
        ctx.onRequest("config.reload", this::reload);
    }

    private void reload(Message m) throws RequestException {
        try {
            current = ConfigLoader.load(path);
        } catch (FormatException e) {
            throw new RequestException(Errno.EINVAL, e.getMessage());
        }
        update.accept(current);
        ctx.respond(m, null);
    }
}
