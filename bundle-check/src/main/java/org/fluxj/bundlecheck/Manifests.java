package org.fluxj.bundlecheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Reads a bundle (a jar, or a classes directory with its META-INF/MANIFEST.MF) into a {@link Bundle}. */
final class Manifests {
    private Manifests() {
    }

    /** The bundle at {@code path}; empty if it is not a bundle whose symbolic name starts with {@code prefix}. */
    static Optional<Bundle> read(Path path, String prefix) throws IOException {
        Manifest manifest;
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(path)) {
            Path mf = path.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(mf)) {
                manifest = new Manifest(in);
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).forEach(p -> entries.add(path.relativize(p).toString().replace('\\', '/')));
            }
        } else if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
            try (JarFile jar = new JarFile(path.toFile())) {
                manifest = jar.getManifest();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    entries.add(e.nextElement().getName());
                }
            }
            if (manifest == null) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        Attributes a = manifest.getMainAttributes();
        String name = symbolicName(a.getValue("Bundle-SymbolicName"));
        if (name == null || !name.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(new Bundle(name, packages(a.getValue("Export-Package")), packages(a.getValue("Import-Package")),
                classes(entries)));
    }

    private static String symbolicName(String header) {
        return header == null ? null : header.split(";", 2)[0].trim();
    }

    /** The classes among a bundle's entries, by package; multi-release and META-INF entries left out. */
    static Map<String, Set<String>> classes(List<String> entries) {
        Map<String, Set<String>> byPackage = new TreeMap<>();
        for (String e : entries) {
            if (!e.endsWith(".class") || e.startsWith("META-INF/") || e.endsWith("module-info.class")) {
                continue;
            }
            String binary = e.substring(0, e.length() - ".class".length());
            int slash = binary.lastIndexOf('/');
            String pkg = slash < 0 ? "" : binary.substring(0, slash).replace('/', '.');
            byPackage.computeIfAbsent(pkg, k -> new TreeSet<>()).add(binary.replace('/', '.'));
        }
        return byPackage;
    }

    /**
     * The packages of an Export-Package or Import-Package header, each with its {@code version}
     * attribute ("" if it has none). Clauses are separated by commas outside quotes; a clause
     * names one or more packages before its attributes and directives.
     */
    static Map<String, String> packages(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            String version = "";
            for (String part : split(clause, ';')) {
                part = part.trim();
                int eq = part.indexOf('=');
                if (eq < 0) {
                    names.add(part);
                } else if (part.substring(0, eq).trim().equals("version")) {
                    version = unquote(part.substring(eq + 1).trim());
                }
            }
            for (String n : names) {
                out.put(n, version);
            }
        }
        return out;
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
