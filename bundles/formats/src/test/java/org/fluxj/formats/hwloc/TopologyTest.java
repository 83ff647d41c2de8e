package org.fluxj.formats.hwloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.fluxj.formats.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyTest {

    /** An hwloc 2 export of a machine with {@code cores} cores and {@code io} inside its PCI tree. */
    private static String machine(int cores, String io) {
        StringBuilder b = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE topology SYSTEM "hwloc.dtd">
                <topology version="2.0">
                  <object type="Machine" os_index="0">
                    <info name="HostName" value="node7"/>
                    <object type="Package" os_index="0">
                """);
        for (int i = 0; i < cores; i++) {
            b.append("      <object type=\"Core\" os_index=\"").append(i * 2)
                    .append("\"><object type=\"PU\" os_index=\"").append(i).append("\"/></object>\n");
        }
        b.append("    </object>\n").append(io).append("  </object>\n</topology>\n");
        return b.toString();
    }

    private static String pci(String busid, String... osdevs) {
        StringBuilder b = new StringBuilder("    <object type=\"Bridge\"><object type=\"PCIDev\" pci_busid=\"" + busid + "\">\n");
        for (String backend : osdevs) {
            b.append("      <object type=\"OSDev\" name=\"g\" osdev_type=\"5\"><info name=\"Backend\" value=\"")
                    .append(backend).append("\"/></object>\n");
        }
        return b.append("    </object></object>\n").toString();
    }

    @Test
    void coresAndHostname() throws FormatException {
        assertEquals(new Topology(6, 0, Optional.of("node7")), Topology.fromXml(machine(6, ""), "t.xml"));
    }

    @Test
    void aGpuSeenByTwoBackendsCountsOnce() throws FormatException {
        String io = pci("0000:04:00.0", "CUDA", "OpenCL") + pci("0000:05:00.0", "CUDA", "OpenCL");
        assertEquals(2, Topology.fromXml(machine(4, io), "t.xml").gpus());
    }

    @Test
    void partitionsOfOneGpuUnderOneBackendEachCount() throws FormatException {
        // AMD CPX/TPX: several RSMI devices on one PCI device are distinct GPUs
        assertEquals(3, Topology.fromXml(machine(4, pci("0000:04:00.0", "RSMI", "RSMI", "RSMI")), "t.xml").gpus());
    }

    @Test
    void otherDevicesAreNotGpus() throws FormatException {
        String io = pci("0000:01:00.0", "Linux", "NVMe") + pci("0000:02:00.0", "GPU");
        assertEquals(0, Topology.fromXml(machine(2, io), "t.xml").gpus());
    }

    @Test
    void withoutPciDevicesThereAreNoGpus() throws FormatException {
        String io = "    <object type=\"OSDev\" name=\"cuda0\" osdev_type=\"5\"><info name=\"Backend\" value=\"CUDA\"/></object>\n";
        assertEquals(0, Topology.fromXml(machine(2, io), "t.xml").gpus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<topology>", "<x/>", "<topology></topology>",
        "<topology><object type=\"Machine\"><object type=\"PU\"/></object></topology>"})
    void malformedTopologiesAreOneLineErrorsNamingTheFile(String xml) {
        FormatException e = assertThrows(FormatException.class, () -> Topology.fromXml(xml, "bad.xml"));
        assertTrue(e.getMessage().startsWith("bad.xml: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void externalEntitiesAreNotRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE topology [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <topology><object type="Machine"><info name="HostName" value="&x;"/>
                <object type="Core"/></object></topology>
                """;
        // either refused or read without the file's contents: never /etc/passwd as a hostname
        try {
            Topology t = Topology.fromXml(xxe, "x.xml");
            assertTrue(t.hostname().orElse("").isEmpty(), t.toString());
        } catch (FormatException e) {
            assertTrue(e.getMessage().startsWith("x.xml: "), e.getMessage());
        }
    }

    @Test
    void thisMachineHasCores() throws Exception {
        assertTrue(Topology.local().cores() >= 1);
    }
}
