package org.fluxj.kernel.broker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.fluxj.kernel.BrokerLog;
import org.fluxj.kernel.api.Severity;
import org.fluxj.kernel.module.ModuleHost;
import org.fluxj.kernel.module.ModuleManager;

/**
 * What {@code flux modprobe rc1} and {@code rc3} do in flux-core, done in the broker without
 * a subprocess: rc1 loads the default module set in order, then runs the executable files of
 * each {@code rc1.d} directory (the configuration directory's, then each of
 * {@code FLUX_RC_EXTRA}'s) in name order; rc3 runs the {@code rc3.d} files, then removes
 * every module loaded after the built-ins, last loaded first.
 */
final class Modprobe {
    static final String RC1 = "flux modprobe rc1";
    static final String RC3 = "flux modprobe rc3";

    private final ModuleManager modules;
    private final List<String> rc1Modules;
    private final List<String> builtins;
    private final Path confdir;
    private final Runat runat;
    private final BrokerLog log;

    Modprobe(ModuleManager modules, List<String> rc1Modules, List<String> builtins, Path confdir, Runat runat,
            BrokerLog log) {
        this.modules = modules;
        this.rc1Modules = rc1Modules;
        this.builtins = builtins;
        this.confdir = confdir;
        this.runat = runat;
        this.log = log;
    }

    /** The alternative flux-core's rc1 names "content-backing": the backing store module. */
    static final String CONTENT_BACKING = "content-backing";

    /**
     * The modules of the default set to load on {@code rank}, as flux-core's modprobe.toml
     * places them: an entry {@code NAME@0} is loaded on rank 0 only, and
     * {@value #CONTENT_BACKING} stands for the module the {@code content.backing-module}
     * attribute names ({@code content-sqlite} if unset; {@code none} loads none).
     */
    static List<String> resolve(List<String> entries, int rank,
            java.util.function.Function<String, java.util.Optional<String>> attr) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            String name = e;
            int at = e.indexOf('@');
            if (at >= 0) {
                name = e.substring(0, at);
                if (!e.substring(at + 1).equals(Integer.toString(rank))) {
                    continue;
                }
            }
            if (name.equals(CONTENT_BACKING)) {
                name = attr.apply("content.backing-module").orElse("content-sqlite");
                if (name.equals("none") || name.isEmpty()) {
                    continue;
                }
            }
            out.add(name);
        }
        return out;
    }

    int rc1() {
        for (String name : rc1Modules) {
            try {
                modules.load(name, List.of()).join();
            } catch (CompletionException e) {
                // as flux modprobe, a module that fails is reported and the others still load
                log.log(Severity.ERR, "broker", "rc1: load " + name + ": " + e.getCause().getMessage());
            }
        }
        return runScripts("rc1");
    }

    int rc3() {
        int rc = runScripts("rc3");
        List<ModuleHost> loaded = new ArrayList<>(modules.list());
        java.util.Collections.reverse(loaded);
        for (ModuleHost h : loaded) {
            if (!builtins.contains(h.name())) {
                try {
                    modules.remove(h.name()).join();
                } catch (CompletionException e) {
                    log.log(Severity.ERR, "broker", "rc3: remove " + h.name() + ": " + e.getCause().getMessage());
                }
            }
        }
        return rc;
    }

    private int runScripts(String phase) {
        List<Path> dirs = new ArrayList<>();
        if (confdir != null) {
            dirs.add(confdir);
        }
        String extra = System.getenv("FLUX_RC_EXTRA");
        if (extra != null) {
            for (String d : extra.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        int rc = 0;
        for (Path dir : dirs) {
            File[] files = dir.resolve(phase + ".d").toFile().listFiles(f -> f.isFile() && f.canExecute());
            if (files == null) {
                continue;
            }
            Arrays.sort(files);
            for (File f : files) {
                log.log(Severity.INFO, "broker", phase + ".0: running " + f);
                try {
                    int status = runat.runLogged(phase, 0, List.of(f.getPath()));
                    if (status != 0) {
                        log.log(Severity.ERR, "broker", phase + ".0: " + f + " failed with exit code " + status);
                        rc = 1;
                    }
                } catch (IOException e) {
                    log.log(Severity.ERR, "broker", phase + ".0: Cannot execute " + f + ": " + e.getMessage());
                    rc = 1;
                }
            }
        }
        return rc;
    }
}
