package org.fluxj.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** flux-core's OutputFormat extensions, against what flux-core 0.88's flux resource prints. */
class OutputFormatTest {
    private static final Map<String, String> HEADINGS = Map.of("state", "STATE", "queue", "QUEUE",
            "nnodes", "NNODES", "reason", "REASON", "nodelist", "NODELIST");
    private static final String LONG_REASON = "a very long reason that is longer than thirty characters";

    @Test
    void anEmptyHiddenColumnGoesWithTheBlankBeforeIt() {
        assertEquals(List.of("     STATE NNODES NODELIST", "      free      2 vm,vm"),
                OutputFormat.render("{state:>10} ?+:{queue:<5} {nnodes:>6} {nodelist}", HEADINGS,
                        List.of(Map.of("state", "free", "queue", "", "nnodes", 2, "nodelist", "vm,vm")), false));
        assertEquals(List.of("     STATE QUEUE  NNODES", "      free batch2      2"),
                OutputFormat.render("{state:>10} ?+:{queue:<5} {nnodes:>6}", HEADINGS,
                        List.of(Map.of("state", "free", "queue", "batch2", "nnodes", 2)), false));
    }

    @Test
    void aPlusAfterTheSpecMarksACutAndAPlusPrefixWidens() {
        assertEquals(List.of("REASON                         NODELIST", "a very long reason that is lo+ vm"),
                OutputFormat.render("{reason:<30.30+} {nodelist}", HEADINGS,
                        List.of(Map.of("reason", LONG_REASON, "nodelist", "vm")), false));
        assertEquals("REASON" + " ".repeat(LONG_REASON.length() - 6) + " NODELIST",
                OutputFormat.render("+:{reason:<30.30} {nodelist}", HEADINGS,
                        List.of(Map.of("reason", LONG_REASON, "nodelist", "vm")), false).get(0));
        assertEquals("x" + " ".repeat(29) + " vm", OutputFormat.render("+:{reason:<30.30} {nodelist}", HEADINGS,
                List.of(Map.of("reason", "x", "nodelist", "vm")), true).get(0));
    }
}
