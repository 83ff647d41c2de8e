package org.fluxj.bundlecheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The bundles the reactor builds: modules whose parent is fluxj-bundles, named as cnf/bundle.bnd names them. */
final class Reactor {
    private static final String BUNDLES_PARENT = "fluxj-bundles";

    private Reactor() {
    }

    /** Bundle-SymbolicName to module directory (relative to {@code root}) of every bundle module. */
    static Map<String, String> bundleNames(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        walk(root, root, out);
        return out;
    }

    private static void walk(Path root, Path dir, Map<String, String> out) throws IOException {
        Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
        Element parent = child(project, "parent");
        if (parent != null && BUNDLES_PARENT.equals(text(child(parent, "artifactId")))) {
            out.put(BundleCheck.PREFIX + text(child(project, "artifactId")), root.relativize(dir).toString());
        }
        Element modules = child(project, "modules");
        if (modules == null) {
            return;
        }
        NodeList list = modules.getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            walk(root, dir.resolve(list.item(i).getTextContent().trim()).normalize(), out);
        }
    }

    private static Document parse(Path pom) throws IOException {
        if (!Files.isRegularFile(pom)) {
            throw new IOException(pom + ": no such file");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
