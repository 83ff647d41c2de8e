package org.fluxj.overlay.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config boot plans, as boot_config.c computes them. */
class ConfigBootTest {
    static final String SEED = """
            [bootstrap]
            curve_cert = "/etc/flux/system/curve.cert"
            default_port = 8050
            default_bind = "tcp://eth0:%p"
            default_connect = "tcp://%h:%p"
            hosts = [
            { host = "test[1-16]" },
            ]
            """;

    static BootPlan plan(String toml, String host, boolean recovery) throws Exception {
        BootstrapConfig c = BootstrapConfigTest.parse(toml, host);
        return ConfigBoot.plan(c, host, Trees.custom(c.hosts()), recovery);
    }

    @Test
    void seedRootBindsAndLeavesConnectToIt() throws Exception {
        BootPlan root = plan(SEED, "test1", false);
        assertEquals(new BootPlan("config", 0, 16, "test1", "test[1-16]", List.of("tcp://eth0:8050"),
                "tcp://test1:8050", -1, null, null, Map.of(), "/etc/flux/system/curve.cert", false, "[[0,16,1,1]]"),
                root);
        BootPlan leaf = plan(SEED, "test7", false);
        assertEquals(6, leaf.rank());
        assertEquals(List.of(), leaf.bindUris());
        assertEquals(null, leaf.endpoint());
        assertEquals(0, leaf.parentRank());
        assertEquals("tcp://test1:8050", leaf.parentUri());
    }

    @Test
    void parentKeysMakeRoutersThatBind() throws Exception {
        String toml = """
                [bootstrap]
                curve_cert = "/c"
                default_port = 8050
                default_bind = "tcp://eth0:%p"
                default_connect = "tcp://%h:%p"
                hosts = [
                  { host = "mgmt" },
                  { host = "router1" },
                  { host = "node[1-4]", parent = "router1" },
                ]
                """;
        BootPlan router = plan(toml, "router1", false);
        assertEquals(List.of("tcp://eth0:8050"), router.bindUris());
        assertEquals("tcp://router1:8050", router.endpoint());
        assertEquals("tcp://mgmt:8050", router.parentUri());
        BootPlan node = plan(toml, "node3", false);
        assertEquals(1, node.parentRank());
        assertEquals("tcp://router1:8050", node.parentUri());
        assertEquals("mgmt,router1,node[1-4]", node.hostlist());
        // In recovery mode no peer may connect: nothing is bound.
        assertEquals(List.of(), plan(toml, "mgmt", true).bindUris());
    }

    @Test
    void missingUrisAreNamedByRank() throws Exception {
        String noBind = "[bootstrap]\ncurve_cert=\"/c\"\nhosts = [{host=\"a\", connect=\"tcp://a:1\"}, {host=\"b\"}]\n";
        assertEquals("bind URI is undefined for rank 0",
                assertThrows(BootException.class, () -> plan(noBind, "a", false)).getMessage());
        String noConnect = "[bootstrap]\ncurve_cert=\"/c\"\nhosts = [{host=\"a\", bind=\"tcp://e:1\"}, {host=\"b\"}]\n";
        assertEquals("connect URI is undefined for rank 0",
                assertThrows(BootException.class, () -> plan(noConnect, "b", false)).getMessage());
    }

    @Test
    void singletonHasNoPeers() throws Exception {
        BootPlan p = plan("[bootstrap]\n", "alone", false);
        assertEquals(BootPlan.singleton("config", "alone"), p);
    }
}
