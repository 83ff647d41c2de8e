package org.fluxj.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad configuration value is refused naming the file and the key, as flux-core's modules
 * refuse theirs (flux_conf_unpack with "!"): at load, and at {@code flux config reload}, where
 * the refusal keeps the configuration in effect.
 */
class ConfigCheckIT {

    @Test
    void aBadValueIsRefusedAtLoadNamingFileAndKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.toml"), "[kvs]\ncheckpoint-period = \"xyz\"\n");
        FluxCli.Result r = FluxCli.run("broker", "-c", dir.toString(), "true");
        assertTrue(r.err().contains(file + ": kvs.checkpoint-period: invalid checkpoint-period config: xyz"), r.err());
        Files.writeString(file, "[content-sqlite]\nsynchronous = \"SOMETIMES\"\n");
        r = FluxCli.run("broker", "-c", dir.toString(), "true");
        assertTrue(r.status() != 0);
        assertTrue(r.err().contains(file + ": content-sqlite.synchronous: invalid synchronous config"), r.err());
    }

    @Test
    void everyKeyIsCheckedAtReloadNamingFileAndKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kvs.toml"), "[kvs]\ncheckpoint-period = \"1h\"\n");
        String[][] cases = {
            {"[kvs]\ncheckpoint-period = \"xyz\"", "kvs", "kvs.checkpoint-period: invalid checkpoint-period config: xyz"},
            {"[kvs]\ngc-threshold = 0", "kvs", "kvs.gc-threshold: must be at least 1"},
            {"[kvs]\nmax-value-size = \"1M\"", "kvs", "kvs.max-value-size: must be an integer"},
            {"[kvs]\ndurable-commits = 1", "kvs", "kvs.durable-commits: must be a boolean"},
            {"[kvs]\nnosuch = 1", "kvs", "kvs.nosuch: unknown key"},
            {"[access]\nallow-guest-user = \"yes\"", "connector-local", "access.allow-guest-user: must be a boolean"},
            {"[access]\nallow-root-owner = 0", "connector-local", "access.allow-root-owner: must be a boolean"},
            {"[access]\nprivate-mode = 0", "connector-local", "access.private-mode: must be a boolean"},
            {"[access]\nroles = 1", "connector-local", "access.roles: not supported"},
            {"[connector-local]\nmax-connections = 0", "connector-local",
                "connector-local.max-connections: must be in the range of 1-2147483647"},
            {"[connector-local]\nmax-send-queue = \"lots\"", "connector-local", "connector-local.max-send-queue: invalid size 'lots'"},
            {"[content-sqlite]\njournal_mode = \"FAST\"", "content-sqlite", "content-sqlite.journal_mode: invalid journal_mode config"},
            {"[content-sqlite]\nmax_checkpoints = 0", "content-sqlite", "content-sqlite.max_checkpoints: invalid max_checkpoints config"},
        };
        try (TestBroker b = new TestBroker("-c", dir.toString())) {
            Path bad = dir.resolve("zz-bad.toml");
            for (String[] c : cases) {
                Files.writeString(bad, c[0] + "\n");
                FluxCli.Result r = b.flux("config", "reload");
                assertEquals(1, r.status(), c[0]);
                assertEquals("flux-config: reload: error updating " + c[1] + ": " + bad + ": " + c[2] + "\n", r.err());
                assertEquals("1h\n", b.ok("config", "get", "kvs.checkpoint-period"), "the old configuration stays");
            }
            Files.writeString(bad, "[kvs]\ncheckpoint-period = \"2h\"\n[access]\nallow-guest-user = true\n");
            assertEquals("", b.ok("config", "reload"));
            assertEquals("2h\n", b.ok("config", "get", "kvs.checkpoint-period"));
        }
    }
}
