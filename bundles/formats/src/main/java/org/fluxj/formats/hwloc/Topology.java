package org.fluxj.formats.hwloc;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.fluxj.formats.FormatException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The resources of one machine that R describes, as flux-core's rhwloc counts them: its cores
 * (hwloc Core objects, numbered by logical index), its compute GPUs (OS devices whose hwloc
 * backend is CUDA, NVML, OpenCL or RSMI, one per PCI device and backend pair, so a GPU seen
 * by both CUDA and OpenCL counts once) and the machine's HostName, if the topology has one.
 */
public record Topology(int cores, int gpus, Optional<String> hostname) {

    private static final Set<String> GPU_BACKENDS = Set.of("CUDA", "NVML", "OpenCL", "RSMI");

    /** Reads hwloc's XML export (version 1 or 2); {@code what} names it in errors. */
    public static Topology fromXml(String xml, String what) throws FormatException {
        Element root;
        try {
            root = parser().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new FormatException(what + ": not hwloc XML: " + e.getMessage());
        }
        if (!root.getTagName().equals("topology")) {
            throw new FormatException(what + ": not hwloc XML: root element is <" + root.getTagName() + ">");
        }
        List<Element> objects = new ArrayList<>();
        collect(root, objects);
        int cores = 0;
        int gpus = 0;
        boolean pci = objects.stream().anyMatch(o -> o.getAttribute("type").equals("PCIDev"));
        String hostname = null;
        List<Element[]> seen = new ArrayList<>(); // {pci device, the osdev that named its backend}
        for (Element o : objects) {
            switch (o.getAttribute("type")) {
                case "Core" -> cores++;
                case "Machine" -> hostname = hostname != null ? hostname : info(o, "HostName");
                case "OSDev" -> {
                    String backend = info(o, "Backend");
                    // as rhwloc: GPUs only in a topology that has PCI devices
                    if (pci && backend != null && GPU_BACKENDS.contains(backend) && !sameGpu(seen, o, backend)) {
                        seen.add(new Element[] {pciDevice(o), o});
                        gpus++;
                    }
                }
                default -> { }
            }
        }
        if (cores == 0) {
            throw new FormatException(what + ": hwloc XML has no Core objects");
        }
        return new Topology(cores, gpus, Optional.ofNullable(hostname));
    }

    /**
     * This machine: its cores are its distinct (package, core) pairs in sysfs; GPUs are not
     * discovered without hwloc, so none are reported.
     */
    public static Topology local() throws IOException {
        Path cpus = Path.of("/sys/devices/system/cpu");
        Set<String> cores = new HashSet<>();
        try (Stream<Path> s = Files.list(cpus)) {
            for (Path cpu : (Iterable<Path>) s.filter(p -> p.getFileName().toString().matches("cpu\\d+"))::iterator) {
                Path topo = cpu.resolve("topology");
                if (Files.isDirectory(topo) && online(cpu)) {
                    cores.add(Files.readString(topo.resolve("physical_package_id")).strip() + ":"
                            + Files.readString(topo.resolve("core_id")).strip());
                }
            }
        }
        if (cores.isEmpty()) {
            cores.add("0:0");
        }
        return new Topology(cores.size(), 0, Optional.empty());
    }

    private static boolean online(Path cpu) throws IOException {
        Path f = cpu.resolve("online");
        return !Files.exists(f) || Files.readString(f).strip().equals("1");
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // hwloc's files name "hwloc.dtd": neither fetch it nor anything else outside the file
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // errors are thrown, not printed
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code <object>} under {@code e}, in document order (hwloc's logical order). */
    private static void collect(Element e, List<Element> out) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals("object")) {
                out.add(c);
                collect(c, out);
            }
        }
    }

    private static String info(Element object, String name) {
        for (Node n = object.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals("info") && c.getAttribute("name").equals(name)) {
                return c.getAttribute("value");
            }
        }
        return null;
    }

    private static Element pciDevice(Element osdev) {
        for (Node p = osdev.getParentNode(); p instanceof Element e; p = p.getParentNode()) {
            if (e.getTagName().equals("object") && e.getAttribute("type").equals("PCIDev")) {
                return e;
            }
        }
        return null;
    }

    /** rhwloc's dedup: the PCI device was already counted through another backend. */
    private static boolean sameGpu(List<Element[]> seen, Element osdev, String backend) {
        Element pci = pciDevice(osdev);
        if (pci == null) {
            return false;
        }
        for (Element[] s : seen) {
            if (s[0] == pci && !backend.equals(info(s[1], "Backend"))) {
                return true;
            }
        }
        return false;
    }
}
