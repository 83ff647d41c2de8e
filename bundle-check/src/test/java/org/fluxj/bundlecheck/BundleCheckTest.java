package org.fluxj.bundlecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check refuses the violations it is there for, naming the bundle and the package, and passes a clean set. */
class BundleCheckTest {

    private static final Bundle KERNEL = new Bundle("org.fluxj.kernel", Map.of("org.fluxj.kernel.api", "1.2.0"), Map.of(),
            Map.of("org.fluxj.kernel.api", Set.of("org.fluxj.kernel.api.BrokerModule"),
                    "org.fluxj.kernel", Set.of("org.fluxj.kernel.Router")));

    private static final Bundle CONTENT = new Bundle("org.fluxj.content",
            Map.of("org.fluxj.content.api", "1.0.0", "org.fluxj.content.spi", "1.0.0"),
            Map.of("org.fluxj.kernel.api", "[1.2,2)"),
            Map.of("org.fluxj.content.api", Set.of("org.fluxj.content.api.BackingStore"),
                    "org.fluxj.content.spi", Set.of("org.fluxj.content.spi.GroupCommitStore"),
                    "org.fluxj.content", Set.of("org.fluxj.content.ContentCache", "org.fluxj.content.SqliteStore")));

    @Test
    void bundlesOnExportedPackagesPass() {
        Bundle sqlite = new Bundle("org.fluxj.content-sqlite", Map.of(),
                Map.of("org.fluxj.content.api", "[1.0,2)", "org.fluxj.content.spi", "[1.0,2)", "org.sqlite", "[3.54,4)"),
                Map.of("org.fluxj.content.sqlite", Set.of("org.fluxj.content.sqlite.SqliteStore")));
        assertEquals(List.of(), BundleCheck.violations(List.of(KERNEL, CONTENT, sqlite)));
    }

    @Test
    void anEmbeddedCopyOfAnotherBundlesPrivatePackageIsRefused() {
        // the old content-sqlite: org.fluxj.content copied in (bnd -conditionalpackage)
        Bundle sqlite = new Bundle("org.fluxj.content-sqlite", Map.of(), Map.of("org.fluxj.content.api", "[1.0,2)"),
                Map.of("org.fluxj.content", Set.of("org.fluxj.content.SqliteStore"),
                        "org.fluxj.content.sqlite", Set.of("org.fluxj.content.sqlite.ContentSqlite")));
        List<String> v = BundleCheck.violations(List.of(KERNEL, CONTENT, sqlite));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("package org.fluxj.content is in two bundles, org.fluxj.content and "
                + "org.fluxj.content-sqlite; both hold org.fluxj.content.SqliteStore"), v.get(0));
    }

    @Test
    void anImportOfAPrivatePackageIsRefused() {
        Bundle files = new Bundle("org.fluxj.content-files", Map.of(), Map.of("org.fluxj.content", ""),
                Map.of("org.fluxj.content.files", Set.of("org.fluxj.content.files.ContentFiles")));
        List<String> v = BundleCheck.violations(List.of(KERNEL, CONTENT, files));
        assertEquals(List.of("org.fluxj.content-files imports org.fluxj.content, which no bundle exports (it is private "
                + "to org.fluxj.content): depend on an exported API package, or export it (package-info.java @Export @Version)"), v);
    }

    @Test
    void anImportOfAPackageNobodyHasIsRefused() {
        Bundle kvs = new Bundle("org.fluxj.kvs", Map.of(), Map.of("org.fluxj.gone", "[1.0,2)", "org.zeromq", ""), Map.of());
        List<String> v = BundleCheck.violations(List.of(KERNEL, kvs));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("org.fluxj.kvs imports org.fluxj.gone, which no bundle exports:"), v.get(0));
    }

    @Test
    void anImportOutsideTheExportedVersionIsRefused() {
        Bundle kvs = new Bundle("org.fluxj.kvs", Map.of(), Map.of("org.fluxj.kernel.api", "[2.0,3)"), Map.of());
        assertEquals(List.of("org.fluxj.kvs imports org.fluxj.kernel.api [2.0,3), but org.fluxj.kernel exports it at 1.2.0"),
                BundleCheck.violations(List.of(KERNEL, kvs)));
    }

    @Test
    void aBundleOfTheReactorThatIsNotCheckedIsNamed() {
        assertEquals(List.of("org.fluxj.overlay (bundles/overlay) is not checked: add it to the dependencies of "
                + "bundle-check/pom.xml"), BundleCheck.missing(Map.of("org.fluxj.kernel", "bundles/kernel",
                        "org.fluxj.overlay", "bundles/overlay"), List.of(KERNEL)));
    }

    @Test
    void versionRanges() {
        assertTrue(Versions.inRange("1.0.0", "[1.0,2)"));
        assertFalse(Versions.inRange("2.0.0", "[1.0,2)"));
        assertTrue(Versions.inRange("2.0.0", "[1.0,2.0]"));
        assertFalse(Versions.inRange("1.0.0", "(1.0,2)"));
        assertTrue(Versions.inRange("1.3.0", "1.2"));
        assertFalse(Versions.inRange("1.1.0", "1.2"));
        assertTrue(Versions.inRange("", ""));
    }

    @Test
    void headersWithQuotedCommas() {
        Map<String, String> p = Manifests.packages("a.b;version=\"[1.0,2)\",c.d;e.f;uses:=\"x,y\";version=1.1.0,g");
        assertEquals(Map.of("a.b", "[1.0,2)", "c.d", "1.1.0", "e.f", "1.1.0", "g", ""), p);
    }

    @Test
    void aBuiltJarIsReadFromItsManifestAndEntries(@TempDir Path dir) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-SymbolicName", "org.fluxj.content-sqlite;singleton:=true");
        a.putValue("Import-Package", "org.fluxj.content;version=\"[1.0,2)\",org.sqlite");
        Path jar = dir.resolve("content-sqlite.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (String e : List.of("org/fluxj/content/SqliteStore.class", "org/fluxj/content/sqlite/ContentSqlite.class",
                    "META-INF/versions/9/module-info.class", "OSGI-INF/x.xml")) {
                j.putNextEntry(new JarEntry(e));
                j.closeEntry();
            }
        }
        Bundle b = Manifests.read(jar, BundleCheck.PREFIX).orElseThrow();
        assertEquals("org.fluxj.content-sqlite", b.name());
        assertEquals(Set.of("org.fluxj.content", "org.fluxj.content.sqlite"), b.classes().keySet());
        List<String> v = BundleCheck.violations(List.of(KERNEL, CONTENT, b));
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).contains("org.fluxj.content and org.fluxj.content-sqlite"), v.get(0));
        assertTrue(v.get(1).startsWith("org.fluxj.content-sqlite imports org.fluxj.content, which no bundle exports"), v.get(1));
        assertTrue(Manifests.read(dir, BundleCheck.PREFIX).isEmpty(), "a directory without a manifest is no bundle");
    }
}
