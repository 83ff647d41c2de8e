package org.fluxj.connector.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;
import org.fluxj.formats.msg.Roles;

/**
 * The {@code [access]} policy (flux-core connector-local client_authenticate): the instance
 * owner gets the owner role; root too if {@code allow-root-owner}; anyone else the user role
 * if {@code allow-guest-user}, else no connection.
 */
record Access(int owner, boolean allowGuestUser, boolean allowRootOwner) {

    /**
     * {@code [access]} checked as flux-core's connector-local parse_config checks it: each key a
     * boolean, no other key; {@code private-mode} (for job-list, still to come) is only checked,
     * and {@code roles} (supplemental roles) is refused as not supported.
     */
    static Access from(JsonNode config, int owner) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "access")
                .allowOnly("allow-guest-user", "allow-root-owner", "private-mode", "roles");
        t.bool("private-mode", false);
        t.unsupported("roles");
        return new Access(owner, t.bool("allow-guest-user", false), t.bool("allow-root-owner", false));
    }

    /** The rolemask for a peer (with the local role), or NONE if it may not connect. */
    int rolemask(int uid) {
        int roles = Roles.NONE;
        if (uid == owner || (allowRootOwner && uid == 0)) {
            roles = Roles.OWNER;
        } else if (allowGuestUser) {
            roles = Roles.USER;
        }
        return roles == Roles.NONE ? Roles.NONE : roles | Roles.LOCAL;
    }
}
