package org.fluxj.bundlecheck;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The build's check that bundles depend on exported API only. Over every fluxj bundle built:
 *
 * <ul>
 *   <li>each package is in one bundle: a package whose classes are in two bundles (one embedding
 *       another's code, or the same package in two modules) is refused, naming the classes both hold;
 *   <li>each fluxj package a bundle imports is exported by a bundle, at a version inside the
 *       import's range: an import of a package no bundle exports means the bundle was compiled
 *       against another bundle's private package;
 *   <li>every bundle of the reactor is among those checked.
 * </ul>
 *
 * <p>Run by bundle-check/pom.xml with the bundles on the class path and the reactor's root
 * directory as argument; prints one line per violation and exits with status 1.
 */
public final class BundleCheck {
    static final String PREFIX = "org.fluxj.";

    private BundleCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("bundle-check: usage: BundleCheck REACTOR-ROOT (the bundles on the class path)");
            System.exit(2);
        }
        List<Bundle> bundles = new ArrayList<>();
        Map<String, String> expected;
        try {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Manifests.read(Path.of(entry), PREFIX).ifPresent(bundles::add);
            }
            expected = Reactor.bundleNames(Path.of(args[0]));
        } catch (IOException e) {
            System.err.println("bundle-check: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> problems = new ArrayList<>(missing(expected, bundles));
        problems.addAll(violations(bundles));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("bundle-check: " + p));
            System.exit(1);
        }
        System.out.println("bundle-check: " + bundles.size() + " bundles: each package in one bundle, each fluxj import exported");
    }

    /** The reactor's bundles that are not among those checked. */
    static List<String> missing(Map<String, String> expected, Collection<Bundle> checked) {
        Set<String> names = new TreeSet<>();
        checked.forEach(b -> names.add(b.name()));
        List<String> out = new ArrayList<>();
        expected.forEach((name, dir) -> {
            if (!names.contains(name)) {
                out.add(name + " (" + dir + ") is not checked: add it to the dependencies of bundle-check/pom.xml");
            }
        });
        return out;
    }

    /** What is wrong with this set of bundles, one line each; empty if nothing. */
    static List<String> violations(Collection<Bundle> bundles) {
        List<String> out = new ArrayList<>();
        Map<String, List<Bundle>> holders = new TreeMap<>();
        Map<String, List<Bundle>> exporters = new TreeMap<>();
        for (Bundle b : bundles) {
            b.classes().keySet().forEach(p -> holders.computeIfAbsent(p, k -> new ArrayList<>()).add(b));
            b.exports().keySet().forEach(p -> exporters.computeIfAbsent(p, k -> new ArrayList<>()).add(b));
        }
        holders.forEach((pkg, in) -> {
            for (int i = 1; i < in.size(); i++) {
                out.add(split(pkg, in.get(0), in.get(i)));
            }
        });
        for (Bundle b : bundles) {
            b.imports().forEach((pkg, range) -> {
                if (!pkg.startsWith(PREFIX)) {
                    return;
                }
                List<Bundle> from = exporters.getOrDefault(pkg, List.of());
                if (from.isEmpty()) {
                    List<Bundle> in = holders.getOrDefault(pkg, List.of());
                    out.add(b.name() + " imports " + pkg + ", which no bundle exports"
                            + (in.isEmpty() ? "" : " (it is private to " + in.get(0).name() + ")")
                            + ": depend on an exported API package, or export it (package-info.java @Export @Version)");
                    return;
                }
                for (Bundle e : from) {
                    String version = e.exports().get(pkg);
                    if (!Versions.inRange(version, range)) {
                        out.add(b.name() + " imports " + pkg + " " + range + ", but " + e.name() + " exports it at "
                                + (version.isEmpty() ? "no version" : version));
                    }
                }
            });
        }
        return out;
    }

    private static String split(String pkg, Bundle a, Bundle b) {
        Set<String> both = new TreeSet<>(a.classes().get(pkg));
        both.retainAll(b.classes().get(pkg));
        String classes = both.isEmpty() ? "" : "; both hold " + String.join(", ", both.stream().limit(3).toList())
                + (both.size() > 3 ? " and " + (both.size() - 3) + " more" : "");
        return "package " + pkg + " is in two bundles, " + a.name() + " and " + b.name() + classes
                + ": a package lives in one bundle; share code through an exported package"
                + " (a copy an older build left in target/classes goes with ./mvnw clean)";
    }
}
