package org.fluxj.connector.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.msg.Roles;

/**
 * The {@code [access]} policy (flux-core connector-local client_authenticate): the instance
 * owner gets the owner role; root too if {@code allow-root-owner}; anyone else the user role
 * if {@code allow-guest-user}, else no connection.
 */
record Access(int owner, boolean allowGuestUser, boolean allowRootOwner) {

    static Access from(JsonNode config, int owner) throws IllegalArgumentException {
        JsonNode access = config.path("access");
        return new Access(owner, flag(access, "allow-guest-user"), flag(access, "allow-root-owner"));
    }

    private static boolean flag(JsonNode access, String key) {
        JsonNode v = access.get(key);
        if (v != null && !v.isBoolean()) {
            throw new IllegalArgumentException("[access] " + key + " must be a boolean");
        }
        return v != null && v.asBoolean();
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
