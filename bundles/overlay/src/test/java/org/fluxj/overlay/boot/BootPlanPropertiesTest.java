package org.fluxj.overlay.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of config boot plans over generated [bootstrap] tables and tree shapes. */
class BootPlanPropertiesTest {

    @Property(tries = 200)
    void everyHostGetsAUniqueRankAndAParentChainToZero(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 6) int fanout, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws Exception {
        String toml = "[bootstrap]\ncurve_cert = \"/c\"\ndefault_port = " + port
                + "\ndefault_bind = \"tcp://eth0:%p\"\ndefault_connect = \"tcp://%h:%p\"\n"
                + "hosts = [ { host = \"n[0-" + (size - 1) + "]\" } ]\n";
        TreeShape tree = Trees.kary(fanout, size);
        Set<Integer> ranks = new HashSet<>();
        for (int i = 0; i < size; i++) {
            String host = "n" + i;
            BootstrapConfig c = BootstrapConfigTest.parse(toml, host);
            BootPlan p = ConfigBoot.plan(c, host, tree, false);
            assertEquals(size, p.size());
            assertTrue(ranks.add(p.rank()), "rank " + p.rank() + " twice");
            assertEquals(i, p.rank());
            assertEquals(size == 1 ? "n0" : "n[0-" + (size - 1) + "]", p.hostlist());
            assertEquals(!tree.childrenOf(p.rank()).isEmpty(), !p.bindUris().isEmpty());
            if (p.rank() == 0) {
                assertEquals(-1, p.parentRank());
            } else {
                assertEquals("tcp://n" + p.parentRank() + ":" + port, p.parentUri());
                assertNotNull(p.parentUri());
            }
            int r = p.rank();
            int steps = 0;
            while (r != 0) {
                r = tree.parentOf(r);
                assertTrue(r >= 0 && r < size && ++steps <= size, "chain from " + i + " does not reach 0");
            }
        }
        assertEquals(size, ranks.size());
    }
}
