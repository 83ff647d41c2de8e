package org.fluxj.kernel.module;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.fluxj.kernel.api.FluxModule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Finds the bundle of a module: one installed whose {@value #HEADER} header names it, or a
 * jar in the module search path ({@code FLUX_MODULE_PATH}, then the broker's module
 * directory) or at a path given. Jars are installed by reference, so that an update re-reads
 * the file a site rebuilt.
 */
final class ModuleBundles {
    /** The manifest header naming the broker module a bundle provides. */
    static final String HEADER = FluxModule.HEADER;

    private final BundleContext context;
    private final List<Path> searchPath;

    ModuleBundles(BundleContext context, List<Path> searchPath) {
        this.context = context;
        this.searchPath = searchPath;
    }

    static boolean isPath(String s) {
        return s.indexOf('/') >= 0 || s.endsWith(".jar");
    }

    /** The module name a bundle declares, or null. */
    static String moduleName(Bundle b) {
        String h = b.getHeaders().get(HEADER);
        return h == null ? null : h.split(";")[0].strip();
    }

    /** The installed or installable bundle for a module name or jar path, or null. */
    Bundle find(String nameOrPath) throws BundleException, IOException {
        if (isPath(nameOrPath)) {
            return install(Path.of(nameOrPath).toAbsolutePath().normalize());
        }
        for (Bundle b : context.getBundles()) {
            if (nameOrPath.equals(moduleName(b))) {
                return b;
            }
        }
        for (Path dir : searchPath) {
            File[] jars = dir.toFile().listFiles((d, n) -> n.endsWith(".jar"));
            if (jars == null) {
                continue;
            }
            for (File jar : jars) {
                if (nameOrPath.equals(declaredName(jar.toPath()))) {
                    return install(jar.toPath().toAbsolutePath().normalize());
                }
            }
        }
        return null;
    }

    private Bundle install(Path jar) throws BundleException, IOException {
        if (!Files.isRegularFile(jar)) {
            throw new FileNotFoundException(jar.toString());
        }
        String location = "reference:" + jar.toUri();
        Bundle b = context.getBundle(location);
        return b != null ? b : context.installBundle(location);
    }

    static String declaredName(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            var mf = j.getManifest();
            String h = mf == null ? null : mf.getMainAttributes().getValue(HEADER);
            return h == null ? null : h.split(";")[0].strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** The file a bundle was installed from, if it was installed from one. */
    static Path file(Bundle b) {
        String loc = b.getLocation();
        if (loc.startsWith("reference:")) {
            loc = loc.substring("reference:".length());
        }
        try {
            return loc.startsWith("file:") ? Path.of(URI.create(loc)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Re-reads a stopped bundle's jar if it changed since it was installed or updated. */
    static void refreshIfRebuilt(Bundle b) throws BundleException {
        Path f = file(b);
        if (f != null && f.toFile().lastModified() > b.getLastModified()) {
            b.update();
        }
    }

    static List<Path> paths(String colonList) {
        List<Path> out = new ArrayList<>();
        if (colonList != null) {
            for (String s : colonList.split(":")) {
                if (!s.isBlank()) {
                    out.add(Path.of(s));
                }
            }
        }
        return out;
    }
}
