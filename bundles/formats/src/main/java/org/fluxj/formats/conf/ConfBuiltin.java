package org.fluxj.formats.conf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The compiled-in paths of flux-core's conf_builtin.c ({@code flux config builtin}, the broker's
 * {@code broker.conf-builtin}), each with two values: where an installed fluxj keeps it
 * (prefix {@code /usr}, sysconfdir {@code /etc}, runstatedir {@code /run}), and where it is in
 * the source tree that {@code bin/flux} runs from. A key with no value in a layout
 * ({@code rundir} in the tree) is unknown there, as in flux-core.
 */
public final class ConfBuiltin {

    /** Which layout to answer for (flux-core's FLUX_CONF_INSTALLED, FLUX_CONF_INTREE, FLUX_CONF_AUTO). */
    public enum Hint { INSTALLED, INTREE, AUTO }

    private record Entry(String installed, String intree) {
    }

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        put("confdir", "/etc/flux", "@/etc/flux");
        put("libexecdir", "/usr/libexec/flux", "@/etc");
        put("datadir", "/usr/share/flux", "@/etc");
        put("lua_cpath_add", "/usr/lib/lua/5.4/?.so", "@/lua/?.so");
        put("lua_path_add", "/usr/share/lua/5.4/?.lua", "@/lua/?.lua");
        put("python_path", "/usr/lib/flux/python3", "@/python");
        put("python_wrapper", "/usr/libexec/flux/cmd/py-runner.py", "@/python/py-runner.py");
        put("man_path", "/usr/share/man", "@/docs");
        put("exec_path", "/usr/libexec/flux/cmd", "@/bin");
        put("connector_path", "/usr/lib/flux/connectors", "@/bundles/cmd/target/lib");
        put("module_path", "/usr/lib/flux/modules", "@/bundles/launcher/target/bundles");
        put("rc1_path", "flux modprobe rc1", "flux modprobe rc1");
        put("rc3_path", "flux modprobe rc3", "flux modprobe rc3");
        put("cmdhelp_pattern", "/usr/share/flux/help.d/*.json", "@/etc/flux/help.d/*.json");
        put("pmi_library_path", "/usr/lib/flux/libpmi.so", "@/bundles/pmi/target/libpmi.so");
        put("shell_path", "/usr/libexec/flux/flux-shell", "@/bin/flux-shell");
        put("shell_pluginpath", "/usr/lib/flux/shell/plugins", "@/plugins/shell");
        put("shell_initrc", "/etc/flux/shell/initrc.lua", "@/lua/initrc.lua");
        put("jobtap_pluginpath", "/usr/lib/flux/job-manager/plugins", "@/plugins/jobtap");
        put("upmi_pluginpath", "/usr/lib/flux/upmi/plugins", "@/plugins/upmi");
        put("no_docs_path", "/usr/share/flux/.nodocs", "@/etc/flux/.nodocs");
        put("rundir", "/run/flux", null);
    }

    private static void put(String key, String installed, String intree) {
        TABLE.put(key, new Entry(installed, intree));
    }

    private ConfBuiltin() {
    }

    /** Every key, in flux-core's order. */
    public static Set<String> keys() {
        return TABLE.keySet();
    }

    /**
     * The value of {@code key}, or null if the key is unknown (or has no value in the layout, or
     * is in the tree and {@code home} is null).
     *
     * @param home the fluxj tree or installation {@code bin/flux} runs from (its {@code fluxj.home}),
     *     which decides {@link Hint#AUTO}: a source tree has a {@code pom.xml}
     */
    public static String get(String key, Hint hint, Path home) {
        Entry e = key == null ? null : TABLE.get(key);
        if (e == null) {
            return null;
        }
        boolean intree = switch (hint) {
            case INSTALLED -> false;
            case INTREE -> true;
            case AUTO -> home != null && Files.isRegularFile(home.resolve("pom.xml"));
        };
        String v = intree ? e.intree() : e.installed();
        if (v == null || !v.startsWith("@")) {
            return v;
        }
        return home == null ? null : home.toAbsolutePath().normalize() + v.substring(1);
    }
}
