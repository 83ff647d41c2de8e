package org.fluxj.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.fluxj.formats.conf.ConfigKeyException;
import org.fluxj.formats.conf.ConfigTable;

/**
 * What {@code [resource]} sets: {@code config} (the {@code [[resource.config]]} array),
 * {@code path} (a file holding R), {@code exclude} (an idset or hostlist). {@code noverify}
 * and {@code norestrict} are accepted and change nothing here, since R is not verified
 * against the probed hardware yet; the other keys flux-core knows are refused by name.
 */
record ResourceSettings(JsonNode config, String path, String exclude) {

    static ResourceSettings of(JsonNode config) throws ConfigKeyException {
        ConfigTable t = ConfigTable.of(config, "resource");
        for (String k : new String[] {"verify", "scheduling", "rediscover", "journal-max"}) {
            t.unsupported(k);
        }
        t.allowOnly("config", "path", "exclude", "noverify", "norestrict");
        t.bool("noverify", false);
        t.bool("norestrict", false);
        JsonNode conf = config.path("resource").get("config");
        return new ResourceSettings(conf, t.string("path"), t.string("exclude"));
    }
}
