package org.fluxj.cmd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fluxj.cmd.AbstractCommand;

/** A {@code flux config} subcommand that reads or replaces the broker's live configuration. */
abstract class AbstractConfigCommand extends AbstractCommand {

    /** The broker's configuration object (config.get). */
    protected ObjectNode fetchConfig() {
        JsonNode o = rpc("Error fetching config object", "config.get", null);
        if (!(o instanceof ObjectNode c)) {
            throw fail("Error fetching config object: Protocol error");
        }
        return c;
    }

    /** Replaces the broker's configuration (config.load); a failure ends the command as "{@code what}: reason". */
    protected void loadConfig(String what, ObjectNode conf) {
        rpcNoPayload(what, "config.load", conf);
    }
}
